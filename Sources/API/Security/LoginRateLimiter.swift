import Domain
import Synchronization

/// Limits login attempts per (e-mail, client address) with a sliding window: more than
/// `maxAttempts` within `windowSeconds` → 429 with `Retry-After` until the oldest one expires.
/// The e-mail is keyed in `EmailAddress`'s normal form, the one the user lookup uses, so no
/// other spelling of a locked-out address gets a fresh window.
public final class LoginRateLimiter: Sendable {
    public let maxAttempts: Int
    public let windowSeconds: Int64
    private let attempts = Mutex<[String: [Int64]]>([:])

    public init(maxAttempts: Int = 5, windowSeconds: Int64 = 15 * 60) {
        precondition(maxAttempts > 0 && windowSeconds > 0)
        self.maxAttempts = maxAttempts
        self.windowSeconds = windowSeconds
    }

    /// Records an attempt at `now` (ms) or throws 429 when the window is full.
    public func attempt(email: String, clientAddress: String, now: Int64) throws {
        let key = Self.key(email: email, clientAddress: clientAddress)
        let windowMs = windowSeconds * 1000
        let retryAfterMs: Int64? = attempts.withLock { table in
            var recent = (table[key] ?? []).filter { $0 > now - windowMs }
            if recent.count >= maxAttempts {
                table[key] = recent
                return recent[0] + windowMs - now
            }
            recent.append(now)
            table[key] = recent
            if table.count > 100_000 {
                // Bound memory under a spray of distinct keys: drop entries whose window passed.
                table = table.filter { $0.value.last.map { $0 > now - windowMs } ?? false }
            }
            return nil
        }
        if let retryAfterMs {
            throw APIError.tooManyRequests(retryAfterSeconds: Int(max(1, (retryAfterMs + 999) / 1000)))
        }
    }

    /// Forgets the attempts of a key after a successful login.
    public func reset(email: String, clientAddress: String) {
        let key = Self.key(email: email, clientAddress: clientAddress)
        _ = attempts.withLock { $0.removeValue(forKey: key) }
    }

    private static func key(email: String, clientAddress: String) -> String {
        EmailAddress.normalized(email) + "|" + clientAddress
    }
}
