/// What a command decided for its own stream, plus the unique-key changes the API must
/// append atomically with it and, rarely, events for other streams (see `WamidLinked`).
public struct Decision: Sendable, Equatable {
    /// Events for the command's stream, in order.
    public var events: [DecidedEvent]
    /// Keys to reserve or release in the same append.
    public var keyChanges: [DomainKeyChange]
    /// Events for other streams that must be appended in the same request.
    public var otherStreams: [StreamDecision]

    public init(
        events: [DecidedEvent] = [], keyChanges: [DomainKeyChange] = [], otherStreams: [StreamDecision] = []
    ) {
        self.events = events
        self.keyChanges = keyChanges
        self.otherStreams = otherStreams
    }

    /// A decision with plain events and no ids fixed by the Domain.
    public init(_ events: [DomainEvent], keyChanges: [DomainKeyChange] = []) {
        self.init(events: events.map { DecidedEvent($0) }, keyChanges: keyChanges)
    }

    /// Nothing to append: the command was already satisfied (idempotent repeat).
    public static let none = Decision()

    /// The events without their ids.
    public var domainEvents: [DomainEvent] { events.map(\.event) }

    /// Whether nothing is to be appended.
    public var isEmpty: Bool {
        events.isEmpty && keyChanges.isEmpty && otherStreams.allSatisfy { $0.events.isEmpty }
    }
}
