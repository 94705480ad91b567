import Foundation

/// An event a decider produced, with its id when the Domain fixes it: events derived from
/// webhooks get name-based ids so a redelivery yields the same ids; `nil` lets the API
/// assign a fresh UUIDv7.
public struct DecidedEvent: Sendable, Equatable {
    public var event: DomainEvent
    public var id: UUID?

    public init(_ event: DomainEvent, id: UUID? = nil) {
        self.event = event
        self.id = id
    }
}
