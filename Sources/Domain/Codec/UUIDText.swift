import Foundation

/// UUIDs as their 36-character text, read and written by hand: Foundation's `UUID(uuidString:)`
/// and `uuidString` go through `sscanf`/`sprintf` on Linux, which cost more than the rest of
/// an event's decoding. Writes lower case (names, keys, PostgreSQL's form) or upper case (as
/// `uuidString`, for JSON); reads either case.
public enum UUIDText {
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

    /// Writes the text of `uuid` into the first 36 bytes of `out`.
    public static func write(_ uuid: UUID, uppercase: Bool, into out: UnsafeMutableRawBufferPointer) {
        precondition(out.count >= 36, "a UUID's text is 36 bytes")
        let letters = (uppercase ? UInt8(ascii: "A") : UInt8(ascii: "a")) - 10
        func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? UInt8(ascii: "0") + nibble : letters + nibble }
        withUnsafeBytes(of: uuid.uuid) { raw in
            var index = 0
            for (position, byte) in raw.enumerated() {
                if position == 4 || position == 6 || position == 8 || position == 10 {
                    out[index] = UInt8(ascii: "-")
                    index += 1
                }
                out[index] = digit(byte >> 4)
                out[index + 1] = digit(byte & 0x0F)
                index += 2
            }
        }
    }

    /// The same text as `uuid.uuidString`.
    static func string(_ uuid: UUID) -> String {
        text(uuid, uppercase: true)
    }

    /// The lower-case text, as names, keys and PostgreSQL spell a UUID.
    public static func lowercase(_ uuid: UUID) -> String {
        text(uuid, uppercase: false)
    }

    private static func text(_ uuid: UUID, uppercase: Bool) -> String {
        String(unsafeUninitializedCapacity: 36) { out in
            write(uuid, uppercase: uppercase, into: UnsafeMutableRawBufferPointer(out))
            return 36
        }
    }
}
