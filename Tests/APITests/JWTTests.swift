import Foundation
import Testing

@testable import API

@Suite struct JWTTests {
    let signer = JWTSigner(secret: Array("a-test-secret-of-32-bytes-length".utf8))
    let claims = JWTClaims(
        sub: UUID().uuidString, tid: UUID().uuidString, role: "ADMIN", iat: 1_700_000_000, exp: 1_700_003_600)

    @Test func signedTokenVerifiesToItsClaims() throws {
        let token = try signer.sign(claims)
        #expect(try signer.verify(token, now: 1_700_000_100) == claims)
    }

    @Test func expiredTokenIsRefused() throws {
        let token = try signer.sign(claims)
        #expect(throws: JWTError.expired) { try signer.verify(token, now: 1_700_003_600) }
    }

    @Test func tamperedPayloadIsRefused() throws {
        let token = try signer.sign(claims)
        let parts = token.split(separator: ".")
        let forged = JWTClaims(
            sub: claims.sub, tid: claims.tid, role: "ADMIN", iat: claims.iat, exp: 1_900_000_000)
        let forgedPayload = Base64URL.encode(try JSONCoding.encode(forged))
        let tampered = "\(parts[0]).\(forgedPayload).\(parts[2])"
        #expect(throws: JWTError.badSignature) { try signer.verify(tampered, now: 1_700_000_100) }
    }

    @Test func tokenFromAnotherSecretIsRefused() throws {
        let other = JWTSigner(secret: Array("another-secret-another-secret-00".utf8))
        let token = try other.sign(claims)
        #expect(throws: JWTError.badSignature) { try signer.verify(token, now: 1_700_000_100) }
    }

    @Test func algNoneIsRefused() throws {
        let header = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8))
        let payload = Base64URL.encode(try JSONCoding.encode(claims))
        #expect(throws: JWTError.unsupportedAlgorithm("none")) {
            try signer.verify("\(header).\(payload).", now: 1_700_000_100)
        }
        let hs512 = Base64URL.encode(Array(#"{"alg":"HS512","typ":"JWT"}"#.utf8))
        #expect(throws: JWTError.unsupportedAlgorithm("HS512")) {
            try signer.verify("\(hs512).\(payload).AAAA", now: 1_700_000_100)
        }
    }

    @Test func headerWithExtraMembersIsRefused() throws {
        let header = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT","kid":"x"}"#.utf8))
        let payload = Base64URL.encode(try JSONCoding.encode(claims))
        let input = "\(header).\(payload)"
        let signature = Base64URL.encode(
            Sodium.hmacSHA256(key: Array("a-test-secret-of-32-bytes-length".utf8), message: Array(input.utf8))
        )
        #expect(throws: JWTError.malformed) { try signer.verify("\(input).\(signature)", now: 1_700_000_100) }
    }

    @Test func garbageIsMalformed() {
        for token in ["", "abc", "a.b", "a.b.c.d", "!!.??.**"] {
            #expect(throws: JWTError.malformed) { try signer.verify(token, now: 1_700_000_100) }
        }
    }
}
