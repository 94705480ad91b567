import Foundation

/// A decision spanning several streams (contact + conversation), appended in one request.
public struct MultiStreamDecision: Sendable, Equatable {
    /// The contact the message belongs to (new or existing).
    public var contactId: UUID
    /// The conversation the message went to (new or existing).
    public var conversationId: UUID
    /// Per-stream events, in append order.
    public var streams: [StreamDecision]
    /// Keys to reserve or release in the same append.
    public var keyChanges: [DomainKeyChange]

    public init(
        contactId: UUID, conversationId: UUID, streams: [StreamDecision], keyChanges: [DomainKeyChange]
    ) {
        self.contactId = contactId
        self.conversationId = conversationId
        self.streams = streams
        self.keyChanges = keyChanges
    }

    /// Whether nothing is to be appended (a redelivery).
    public var isEmpty: Bool { streams.allSatisfy { $0.events.isEmpty } && keyChanges.isEmpty }
}
