import Domain
import EventStore
import Foundation

/// What one attempt of a command wants appended: events per stream (each at the version
/// it was decided on) and the unique-key changes that go with them, all in one append.
public struct CommandPlan: Sendable {
    public var streams: [PlannedStream]
    public var keyChanges: [DomainKeyChange]

    public init(streams: [PlannedStream] = [], keyChanges: [DomainKeyChange] = []) {
        self.streams = streams
        self.keyChanges = keyChanges
    }

    /// Adds another plan's streams and keys (a command touching several aggregates).
    public mutating func merge(_ other: CommandPlan) {
        streams += other.streams
        keyChanges += other.keyChanges
    }

    public var isEmpty: Bool { streams.allSatisfy { $0.events.isEmpty } && keyChanges.isEmpty }
}

/// The events for one stream of a plan.
public struct PlannedStream: Sendable {
    public var tenant: UUID
    public var stream: String
    public var expectedVersion: ExpectedVersion
    /// Events with the id the Domain fixed (webhook-derived), or nil for a fresh UUIDv7.
    public var events: [(event: DomainEvent, id: UUID?)]

    public init(
        tenant: UUID, stream: String, expectedVersion: ExpectedVersion,
        events: [(event: DomainEvent, id: UUID?)]
    ) {
        self.tenant = tenant
        self.stream = stream
        self.expectedVersion = expectedVersion
        self.events = events
    }
}
