import Foundation

/// Deterministic ids for events derived from webhooks: the same provider message seen twice
/// must yield the same event id so the store skips the redelivery.
public enum NameBasedID {
    /// A UUID (version 8, RFC 9562 variant) from the SHA-256 of `provider`, `providerId`
    /// and `kind`, joined by a separator that cannot appear in the parts' meaning.
    public static func make(provider: String, providerId: String, kind: String) -> UUID {
        make(name: provider + "\u{1F}" + providerId + "\u{1F}" + kind)
    }

    /// A UUID (version 8) from the SHA-256 of an arbitrary name.
    public static func make(name: String) -> UUID {
        var digest = SHA256.hash(name)
        digest[6] = (digest[6] & 0x0f) | 0x80
        digest[8] = (digest[8] & 0x3f) | 0x80
        return UUID(
            uuid: (
                digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6],
                digest[7], digest[8], digest[9], digest[10], digest[11], digest[12], digest[13],
                digest[14], digest[15]
            ))
    }
}
