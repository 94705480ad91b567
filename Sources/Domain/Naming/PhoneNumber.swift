/// Phone numbers as WhatsApp spells them: digits only, country code first, no `+`.
public enum PhoneNumber {
    /// Keeps the ASCII digits of `raw` (drops `+`, spaces, dashes, a `@s.whatsapp.net` suffix).
    public static func normalize(_ raw: String) -> String {
        var digits: [UInt8] = []
        digits.reserveCapacity(raw.utf8.count)
        for byte in raw.utf8 {
            if byte == UInt8(ascii: "@") { break }
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { digits.append(byte) }
        }
        return String(decoding: digits, as: UTF8.self)
    }
}
