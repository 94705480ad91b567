import CSodium
import Foundation

/// Seals personal bytes with XChaCha20-Poly1305: random nonce ‖ ciphertext, the event id as
/// associated data so a sealed part cannot be moved to another event.
enum PersonalSeal {
    static let keySize = Int(crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
    static let nonceSize = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
    static let tagSize = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)

    static func seal(_ plain: [UInt8], key: [UInt8], eventId: UUID) throws -> [UInt8] {
        precondition(key.count == keySize, "data keys are 32 bytes")
        var sealed = [UInt8](repeating: 0, count: nonceSize + plain.count + tagSize)
        var ad = eventId.uuid
        let code = sealed.withUnsafeMutableBufferPointer { out in
            randombytes_buf(out.baseAddress!, nonceSize)
            return withUnsafeBytes(of: &ad) { ad in
                var length: UInt64 = 0
                return crypto_aead_xchacha20poly1305_ietf_encrypt(
                    out.baseAddress! + nonceSize, &length, plain, UInt64(plain.count),
                    ad.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(ad.count), nil,
                    out.baseAddress!, key)
            }
        }
        guard code == 0 else {
            throw EventStoreError.crypto(function: "crypto_aead_xchacha20poly1305_ietf_encrypt")
        }
        return sealed
    }

    /// Opens sealed bytes straight from where they lie (a read transaction's map); nil when they
    /// do not authenticate under the key.
    static func open(_ sealed: UnsafeRawBufferPointer, key: [UInt8], eventId: UUID) -> [UInt8]? {
        guard sealed.count >= nonceSize + tagSize, key.count == keySize else { return nil }
        let input = UnsafeBufferPointer(
            start: sealed.baseAddress!.assumingMemoryBound(to: UInt8.self), count: sealed.count)
        var ad = eventId.uuid
        var failed = true
        let plain = [UInt8](unsafeUninitializedCapacity: sealed.count - nonceSize - tagSize) { out, count in
            let code = withUnsafeBytes(of: &ad) { ad in
                var length: UInt64 = 0
                return crypto_aead_xchacha20poly1305_ietf_decrypt(
                    out.baseAddress, &length, nil, input.baseAddress! + nonceSize,
                    UInt64(input.count - nonceSize), ad.baseAddress!.assumingMemoryBound(to: UInt8.self),
                    UInt64(ad.count), input.baseAddress!, key)
            }
            failed = code != 0
            count = failed ? 0 : out.count
        }
        return failed ? nil : plain
    }

    /// Overwrites secret bytes before their buffer is released.
    static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { sodium_memzero($0.baseAddress, $0.count) }
    }
}
