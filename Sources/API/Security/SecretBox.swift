import CSodium

/// Seals channel secrets (app secrets, access tokens) under the server master key with
/// libsodium secretbox (XSalsa20-Poly1305); a sealed value is nonce ‖ ciphertext.
public struct SecretBox: Sendable {
    public static let keyLength = Int(crypto_secretbox_KEYBYTES)
    private let key: [UInt8]

    public init(key: [UInt8]) throws(SecurityError) {
        guard key.count == SecretBox.keyLength else {
            throw .invalidKeyLength(expected: SecretBox.keyLength, actual: key.count)
        }
        self.key = key
    }

    /// Encrypts and authenticates `plaintext` under a fresh random nonce.
    public func seal(_ plaintext: [UInt8]) -> [UInt8] {
        let nonce = Sodium.randomBytes(Int(crypto_secretbox_NONCEBYTES))
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + Int(crypto_secretbox_MACBYTES))
        let code = crypto_secretbox_easy(&ciphertext, plaintext, UInt64(plaintext.count), nonce, key)
        precondition(code == 0, "crypto_secretbox_easy cannot fail with valid sizes")
        return nonce + ciphertext
    }

    /// Decrypts a sealed value; throws `cannotOpen` when it is truncated or was tampered with.
    public func open(_ sealed: [UInt8]) throws(SecurityError) -> [UInt8] {
        let nonceLength = Int(crypto_secretbox_NONCEBYTES)
        let macLength = Int(crypto_secretbox_MACBYTES)
        guard sealed.count >= nonceLength + macLength else { throw .cannotOpen }
        let nonce = Array(sealed[..<nonceLength])
        let ciphertext = Array(sealed[nonceLength...])
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count - macLength)
        let code = crypto_secretbox_open_easy(&plaintext, ciphertext, UInt64(ciphertext.count), nonce, key)
        guard code == 0 else { throw .cannotOpen }
        return plaintext
    }

    /// Seals a string and returns base64 text (for JSON payloads).
    public func sealString(_ plaintext: String) -> String {
        Base64URL.encode(seal(Array(plaintext.utf8)))
    }

    /// Opens what `sealString` produced.
    public func openString(_ sealed: String) throws(SecurityError) -> String {
        guard let bytes = Base64URL.decode(Substring(sealed)) else { throw .cannotOpen }
        let plaintext = try open(bytes)
        guard let text = String(validating: plaintext, as: UTF8.self) else { throw .cannotOpen }
        return text
    }
}
