import Domain

/// Meta's `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`.
public enum WebhookSignature {
    /// The header value for `body` under `secret`.
    public static func sign(body: [UInt8], secret: [UInt8]) -> String {
        "sha256=" + Hex.encode(Sodium.hmacSHA256(key: secret, message: body))
    }

    /// True only for a well-formed header whose MAC matches (compared in constant time).
    public static func verify(header: String?, body: [UInt8], secret: [UInt8]) -> Bool {
        guard let header, header.hasPrefix("sha256="),
            let given = Hex.decode(String(header.dropFirst("sha256=".count))), given.count == 32
        else { return false }
        return Sodium.constantTimeEqual(Sodium.hmacSHA256(key: secret, message: body), given)
    }

    /// Constant-time comparison of shared tokens (Evolution `apikey`, Meta verify token).
    public static func tokensEqual(_ lhs: String, _ rhs: String) -> Bool {
        // Hashing first makes the comparison independent of the lengths too.
        Sodium.constantTimeEqual(Sodium.sha256(Array(lhs.utf8)), Sodium.sha256(Array(rhs.utf8)))
    }
}
