import Foundation

/// UUIDs as their 36-character text, read and written by hand: Foundation's `UUID(uuidString:)`
/// and `uuidString` go through `sscanf`/`sprintf` on Linux, which cost more than the rest of
/// an event's decoding. Writes upper case like `uuidString`; reads either case.
enum UUIDText {
    private static let digits = Array("0123456789ABCDEF".utf8)

    /// The value of each byte as a hex digit, 0xFF when it is not one.
    private static let hexValues: [UInt8] = (0...255).map { nibble(UInt8($0)) ?? 0xFF }

    /// The UUID spelled by `bytes[start..<start + 36]`, or `nil` when it is not one.
    static func parse(_ bytes: [UInt8], at start: Int) -> UUID? {
        guard start >= 0, start + 36 <= bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            hexValues.withUnsafeBufferPointer { hex in
                let text = buffer.baseAddress! + start
                let dash = UInt8(ascii: "-")
                guard text[8] == dash, text[13] == dash, text[18] == dash, text[23] == dash else {
                    return nil
                }
                var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                var invalid: UInt8 = 0
                withUnsafeMutableBytes(of: &value) { raw in
                    var index = 0
                    for out in 0..<16 {
                        if out == 4 || out == 6 || out == 8 || out == 10 { index += 1 }
                        let high = hex[Int(text[index])]
                        let low = hex[Int(text[index + 1])]
                        invalid |= high | low
                        raw[out] = high << 4 | low
                        index += 2
                    }
                }
                return invalid & 0xF0 == 0 ? UUID(uuid: value) : nil
            }
        }
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The same text as `uuid.uuidString`.
    static func string(_ uuid: UUID) -> String {
        withUnsafeBytes(of: uuid.uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { out in
                var index = 0
                for (position, byte) in raw.enumerated() {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        out[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    out[index] = digits[Int(byte >> 4)]
                    out[index + 1] = digits[Int(byte & 0x0F)]
                    index += 2
                }
                return 36
            }
        }
    }
}
