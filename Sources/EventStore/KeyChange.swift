/// A unique-key change committed atomically with an append.
public enum KeyChange: Sendable, Equatable {
    /// Reserve the key for the stream; a no-op when that stream already holds it.
    case reserve(UniqueKey, StreamName)
    /// Release the key; a no-op when another stream (or nobody) holds it.
    case release(UniqueKey, StreamName)
}
