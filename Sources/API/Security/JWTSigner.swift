import Foundation

/// HS256 JSON Web Tokens. Only `{"alg":"HS256","typ":"JWT"}` headers are accepted: `none`,
/// other algorithms and extra header members (`crit`, `kid`, …) are refused.
public struct JWTSigner: Sendable {
    private let secret: [UInt8]
    private static let header = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    /// `secret` should be at least 32 random bytes.
    public init(secret: [UInt8]) {
        precondition(!secret.isEmpty, "a JWT secret cannot be empty")
        self.secret = secret
    }

    /// Issues a token for `claims`.
    public func sign(_ claims: JWTClaims) throws -> String {
        let payload = Base64URL.encode(try JSONCoding.encode(claims))
        let signingInput = JWTSigner.header + "." + payload
        let signature = Sodium.hmacSHA256(key: secret, message: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Verifies signature (constant time), header and expiry at `now` (seconds since the epoch).
    public func verify(_ token: String, now: Int64) throws(JWTError) -> JWTClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64URL.decode(parts[0]),
            let payloadBytes = Base64URL.decode(parts[1]), let signature = Base64URL.decode(parts[2])
        else { throw .malformed }
        guard let header = try? JSONDecoder().decode([String: String].self, from: Data(headerBytes)) else {
            throw .malformed
        }
        guard header["alg"] == "HS256" else { throw .unsupportedAlgorithm(header["alg"] ?? "") }
        guard Set(header.keys).isSubset(of: ["alg", "typ"]), header["typ"].map({ $0 == "JWT" }) ?? true else {
            throw .malformed
        }
        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        let expected = Sodium.hmacSHA256(key: secret, message: signingInput)
        guard Sodium.constantTimeEqual(expected, signature) else { throw .badSignature }
        guard let claims = try? JSONDecoder().decode(JWTClaims.self, from: Data(payloadBytes)) else {
            throw .malformed
        }
        guard claims.exp > now else { throw .expired }
        return claims
    }
}
