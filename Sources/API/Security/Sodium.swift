import CSodium

/// The one place libsodium is called; return codes become `SecurityError`s naming the function.
enum Sodium {
    private static let initialized: Bool = sodium_init() >= 0

    static func ready() {
        precondition(initialized, "sodium_init failed")
    }

    static func check(_ code: Int32, _ function: String) throws(SecurityError) {
        if code != 0 { throw SecurityError.sodium(function: function, code: code) }
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        ready()
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, count) }
        return bytes
    }

    /// HMAC-SHA256 with a key of any length.
    static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        ready()
        var state = crypto_auth_hmacsha256_state()
        var mac = [UInt8](repeating: 0, count: Int(crypto_auth_hmacsha256_BYTES))
        _ = crypto_auth_hmacsha256_init(&state, key, key.count)
        _ = crypto_auth_hmacsha256_update(&state, message, UInt64(message.count))
        _ = crypto_auth_hmacsha256_final(&state, &mac)
        return mac
    }

    static func sha256(_ message: [UInt8]) -> [UInt8] {
        ready()
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        _ = crypto_hash_sha256(&digest, message, UInt64(message.count))
        return digest
    }

    /// Constant-time equality (length is not secret).
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        ready()
        guard lhs.count == rhs.count else { return false }
        if lhs.isEmpty { return true }
        return sodium_memcmp(lhs, rhs, lhs.count) == 0
    }
}
