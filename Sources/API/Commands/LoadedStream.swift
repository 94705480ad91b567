import Domain
import EventStore

/// A stream read back for a decision: its decoded events and version (0 = no stream).
public struct LoadedStream: Sendable {
    public let name: String
    public let events: [DomainEvent]
    public let version: UInt64

    /// The version to append at: `.noStream` for a stream that does not exist yet.
    public var expectedVersion: ExpectedVersion { ExpectedVersion(afterReading: version) }

    /// Folds the events with an aggregate's `evolve`.
    public func fold<State>(_ evolve: (State?, DomainEvent) -> State?) -> State? {
        events.reduce(nil, evolve)
    }
}
