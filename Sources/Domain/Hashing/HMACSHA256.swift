/// HMAC-SHA256 (RFC 2104) in pure Swift; the key is always a parameter so the Domain
/// never owns a secret.
public enum HMACSHA256 {
    private static let blockSize = 64

    /// Authenticates `message` under `key` and returns the 32-byte tag.
    public static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        var normalizedKey = key.count > blockSize ? SHA256.hash(key) : key
        normalizedKey.append(contentsOf: [UInt8](repeating: 0, count: blockSize - normalizedKey.count))
        var inner = SHA256()
        inner.update(normalizedKey.map { $0 ^ 0x36 })
        inner.update(message)
        let innerDigest = inner.finalize()
        var outer = SHA256()
        outer.update(normalizedKey.map { $0 ^ 0x5c })
        outer.update(innerDigest)
        return outer.finalize()
    }

    /// Lower-case hexadecimal tag of the UTF-8 bytes of `text`.
    public static func hexTag(_ text: String, key: [UInt8]) -> String {
        Hex.encode(authenticate(Array(text.utf8), key: key))
    }
}
