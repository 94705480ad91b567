/// Failures of the security primitives.
public enum SecurityError: Error, Equatable, Sendable {
    /// A libsodium call failed (out of memory for Argon2id, a forged ciphertext).
    case sodium(function: String, code: Int32)
    /// A key of the wrong size was supplied.
    case invalidKeyLength(expected: Int, actual: Int)
    /// A sealed value was too short or did not authenticate.
    case cannotOpen
    /// A secret in the environment or data directory could not be read or written.
    case secretUnavailable(name: String, reason: String)
}
