import Foundation

/// Tokens whose signature and header already verified, with their claims.
///
/// Verifying a token is a pure function of the token and the signer's secret, so a token seen
/// once need not be decoded and HMAC'd again; only its expiry depends on the time and is
/// checked on every use. Bounded: when full, it starts over.
// @unchecked Sendable: `claims` is only touched while holding `lock`.
final class VerifiedTokens: @unchecked Sendable {
    private let lock = NSLock()
    private var claims: [String: JWTClaims] = [:]
    private let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The claims of `token` (expiry checked against `now`, in seconds), verifying it with
    /// `signer` the first time.
    func claims(of token: String, signer: JWTSigner, now: Int64) throws(JWTError) -> JWTClaims {
        lock.lock()
        let known = claims[token]
        lock.unlock()
        if let known {
            guard known.exp > now else { throw .expired }
            return known
        }
        let verified = try signer.verify(token, now: now)
        lock.lock()
        if claims.count >= capacity { claims.removeAll(keepingCapacity: true) }
        claims[token] = verified
        lock.unlock()
        return verified
    }
}
