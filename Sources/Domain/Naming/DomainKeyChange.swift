/// A unique-key change a decision needs; the API turns it into the store's `KeyChange`
/// in the same append as the decided events.
public enum DomainKeyChange: Sendable, Equatable, Hashable {
    /// Claim `key` for `stream` (fails with a conflict when another stream holds it).
    case reserve(key: String, stream: String)
    /// Let go of `key` held by `stream`.
    case release(key: String, stream: String)
}
