import Domain
import Foundation

/// One append the log needs: events for one stream at a known version, and the unique-key
/// changes that go with them (already split per stream).
public struct GeneratedAppend: Sendable {
    public var tenantId: UUID
    /// Stream name (`Streams.…`).
    public var stream: String
    /// Version the stream must have before this append; 0 means it must not exist yet.
    public var expectedVersion: UInt64
    public var events: [GeneratedEvent]
    public var keyChanges: [DomainKeyChange]
}

/// An event with the id and time it is stored with.
public struct GeneratedEvent: Sendable {
    public var id: UUID
    /// Milliseconds since the epoch.
    public var occurredAt: Int64
    public var event: DomainEvent
}
