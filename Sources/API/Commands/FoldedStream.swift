import Domain
import EventStore

/// An aggregate's state as folded from its stream, and the stream version it reflects
/// (0 = no stream).
public struct FoldedStream<State: Aggregate>: Sendable {
    public let name: String
    public let state: State?
    public let version: UInt64

    /// The version to append at: `.noStream` for a stream that does not exist yet.
    public var expectedVersion: ExpectedVersion { ExpectedVersion(afterReading: version) }
}
