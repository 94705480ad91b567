/// The stream version an append expects to find (optimistic concurrency).
public enum ExpectedVersion: Sendable, Equatable, Hashable {
    /// No check.
    case any
    /// The stream must not exist yet.
    case noStream
    /// The stream's current version must be exactly this (1-based; 0 means no stream).
    case exact(UInt64)

    /// What an append expects of a stream read at `version` (0 = no stream): that nothing was
    /// appended to it since.
    public init(afterReading version: UInt64) {
        self = version == 0 ? .noStream : .exact(version)
    }

    func accepts(_ current: UInt64) -> Bool {
        switch self {
        case .any: return true
        case .noStream: return current == 0
        case .exact(let version): return current == version
        }
    }
}
