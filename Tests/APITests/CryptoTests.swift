import Foundation
import Projections
import Testing

@testable import API

@Suite struct CryptoTests {
    @Test func webhookSignatureVerifiesOnlyTheExactBodyAndSecret() {
        let secret = Array("app-secret".utf8)
        let body = Array(#"{"object":"whatsapp_business_account"}"#.utf8)
        let header = WebhookSignature.sign(body: body, secret: secret)
        #expect(header.hasPrefix("sha256="))
        #expect(header.count == 7 + 64)
        #expect(WebhookSignature.verify(header: header, body: body, secret: secret))
        #expect(
            WebhookSignature.verify(
                header: header.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256="), body: body,
                secret: secret))
        #expect(!WebhookSignature.verify(header: header, body: body + [0x20], secret: secret))
        #expect(!WebhookSignature.verify(header: header, body: body, secret: Array("other".utf8)))
        #expect(!WebhookSignature.verify(header: nil, body: body, secret: secret))
        #expect(!WebhookSignature.verify(header: "sha1=abcd", body: body, secret: secret))
        #expect(!WebhookSignature.verify(header: "sha256=zz", body: body, secret: secret))
    }

    @Test func webhookSignatureMatchesAKnownHMACVector() {
        // RFC 4231 test case 2.
        let header = WebhookSignature.sign(
            body: Array("what do ya want for nothing?".utf8), secret: Array("Jefe".utf8))
        #expect(header == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func tokensCompareByContent() {
        #expect(WebhookSignature.tokensEqual("evolution-key", "evolution-key"))
        #expect(!WebhookSignature.tokensEqual("evolution-key", "evolution-kez"))
        #expect(!WebhookSignature.tokensEqual("evolution-key", "evolution-key-longer"))
    }

    @Test func argon2idHashVerifiesOnlyTheRightPassword() throws {
        let hasher = PasswordHasher.minimum
        let hash = try hasher.hash("senha123")
        #expect(hash.hasPrefix("$argon2id$"))
        #expect(hasher.verify("senha123", against: hash))
        #expect(!hasher.verify("senha124", against: hash))
        #expect(!hasher.verify("senha123", against: "not a hash"))
        #expect(try hasher.hash("senha123") != hash)
    }

    @Test func secretBoxRoundTripsAndRejectsTampering() throws {
        let box = try SecretBox(key: Sodium.randomBytes(SecretBox.keyLength))
        let sealed = box.seal(Array("EAAG-access-token".utf8))
        #expect(try box.open(sealed) == Array("EAAG-access-token".utf8))
        var tampered = sealed
        tampered[tampered.count - 1] ^= 1
        #expect(throws: SecurityError.cannotOpen) { try box.open(tampered) }
        #expect(throws: SecurityError.cannotOpen) { try box.open([1, 2, 3]) }
        let other = try SecretBox(key: Sodium.randomBytes(SecretBox.keyLength))
        #expect(throws: SecurityError.cannotOpen) { try other.open(sealed) }
        #expect(try box.openString(box.sealString("verify-token")) == "verify-token")
    }

    @Test func secretBoxRefusesAKeyOfTheWrongSize() {
        #expect(throws: SecurityError.invalidKeyLength(expected: 32, actual: 16)) {
            try SecretBox(key: [UInt8](repeating: 1, count: 16))
        }
    }

    @Test func uuidV7IsVersionedTimeOrderedAndUnique() {
        let now: Int64 = 1_762_943_400_000
        let generator = UUIDv7()
        let ids = (0..<5000).map { _ in generator.next(now: now) }
        #expect(Set(ids).count == 5000)
        for id in ids {
            #expect(id.uuid.6 >> 4 == 7)
            #expect(id.uuid.8 >> 6 == 2)
        }
        #expect(UUIDv7.milliseconds(of: ids[0]) == now)
        // 5000 ids overflow the 12-bit counter: the last ones borrow the next millisecond.
        #expect(UUIDv7.milliseconds(of: ids[4999]) == now + 1)
        let later = generator.next(now: now + 10_000)
        #expect(UUIDv7.milliseconds(of: later) == now + 10_000)
        let ordered = (ids + [later]).map { $0.uuidString }
        #expect(ordered == ordered.sorted())
    }

    @Test func timestampsAreISO8601UTCWithMilliseconds() {
        #expect(Timestamp.format(milliseconds: 1_762_943_400_000) == "2025-11-12T10:30:00.000Z")
        #expect(Timestamp.format(milliseconds: 1_762_943_400_042) == "2025-11-12T10:30:00.042Z")
        #expect(Timestamp.parse("2025-11-12T10:30:00.042Z") == 1_762_943_400_042)
        #expect(Timestamp.parse("2025-11-12T10:30:00Z") == 1_762_943_400_000)
        #expect(Timestamp.parse("yesterday") == nil)
    }
}
