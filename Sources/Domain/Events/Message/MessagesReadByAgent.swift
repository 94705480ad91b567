import Foundation

/// An agent read the conversation up to now (resets its unread count).
public struct MessagesReadByAgent: DomainEventBody {
    public static let type = "MessagesReadByAgent.v1"

    /// The conversation.
    public var conversationId: UUID
    /// The agent.
    public var userId: UUID
    /// When (ms).
    public var at: Int64

    public init(conversationId: UUID, userId: UUID, at: Int64) {
        self.conversationId = conversationId
        self.userId = userId
        self.at = at
    }
}
