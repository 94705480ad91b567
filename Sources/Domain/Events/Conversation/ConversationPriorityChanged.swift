import Foundation

/// The conversation's priority changed.
public struct ConversationPriorityChanged: DomainEventBody {
    public static let type = "ConversationPriorityChanged.v1"

    /// The conversation.
    public var conversationId: UUID
    /// New priority.
    public var priority: ConversationPriority
    /// Who changed it.
    public var byUserId: UUID?

    public init(conversationId: UUID, priority: ConversationPriority, byUserId: UUID? = nil) {
        self.conversationId = conversationId
        self.priority = priority
        self.byUserId = byUserId
    }
}
