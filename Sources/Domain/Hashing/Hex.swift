import Foundation

/// Lower-case hexadecimal encoding of bytes, used in stream names and unique keys.
public enum Hex {
    /// Encodes `bytes` as lower-case hexadecimal text.
    public static func encode(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            var index = 0
            for byte in bytes {
                buffer[index] = digit(byte >> 4)
                buffer[index + 1] = digit(byte & 0x0f)
                index += 2
            }
            return index
        }
    }

    /// The canonical lower-case 8-4-4-4-12 text of `uuid`, without going through
    /// `uuidString` (which formats with printf and upper-cases).
    static func uuid(_ uuid: UUID) -> String {
        withUnsafeBytes(of: uuid.uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { buffer in
                var index = 0
                for position in 0..<16 {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        buffer[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    let byte = raw[position]
                    buffer[index] = digit(byte >> 4)
                    buffer[index + 1] = digit(byte & 0x0f)
                    index += 2
                }
                return index
            }
        }
    }

    @inline(__always)
    private static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? nibble + UInt8(ascii: "0") : nibble - 10 + UInt8(ascii: "a")
    }
}
