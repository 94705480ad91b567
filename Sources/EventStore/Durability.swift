/// How an append becomes durable before it is acknowledged.
public enum Durability: Sendable {
    /// Every acknowledged append has been flushed to disk (the default).
    case fsync
    /// Commits are not flushed; only for tests and benchmarks that ask for it by name.
    case noSync
}
