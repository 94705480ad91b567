import CSodium

/// Argon2id password hashes in libsodium's self-describing string format (the parameters are
/// stored in the hash, so verification works whatever limits made it).
public struct PasswordHasher: Sendable {
    public let opsLimit: UInt64
    public let memoryLimit: Int

    /// 3 passes over 64 MiB: moderate cost for a 2-core server with concurrent logins.
    public static let standard = PasswordHasher(opsLimit: 3, memoryLimit: 64 << 20)
    /// libsodium's minimum; only for tests, where hashing speed matters more than strength.
    public static let minimum = PasswordHasher(
        opsLimit: UInt64(crypto_pwhash_opslimit_min()), memoryLimit: crypto_pwhash_memlimit_min())

    public init(opsLimit: UInt64, memoryLimit: Int) {
        self.opsLimit = opsLimit
        self.memoryLimit = memoryLimit
    }

    /// Hashes with a fresh random salt.
    public func hash(_ password: String) throws -> String {
        Sodium.ready()
        var output = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let length = UInt64(password.utf8.count)
        let code = password.withCString { chars in
            crypto_pwhash_str_alg(&output, chars, length, opsLimit, memoryLimit, crypto_pwhash_ALG_ARGON2ID13)
        }
        try Sodium.check(code, "crypto_pwhash_str_alg")
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when `password` matches `hash`; a malformed hash never matches.
    public func verify(_ password: String, against hash: String) -> Bool {
        Sodium.ready()
        guard hash.utf8.count < Int(crypto_pwhash_STRBYTES) else { return false }
        let length = UInt64(password.utf8.count)
        return hash.withCString { hashChars in
            password.withCString { chars in crypto_pwhash_str_verify(hashChars, chars, length) == 0 }
        }
    }
}
