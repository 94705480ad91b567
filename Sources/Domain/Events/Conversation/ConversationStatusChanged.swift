import Foundation

/// The conversation moved between OPEN, IN_PROGRESS and WAITING (closing has its own event).
public struct ConversationStatusChanged: DomainEventBody {
    public static let type = "ConversationStatusChanged.v1"

    /// The conversation.
    public var conversationId: UUID
    /// Previous status.
    public var from: ConversationStatus
    /// New status.
    public var to: ConversationStatus
    /// Who changed it.
    public var byUserId: UUID?

    public init(conversationId: UUID, from: ConversationStatus, to: ConversationStatus, byUserId: UUID? = nil)
    {
        self.conversationId = conversationId
        self.from = from
        self.to = to
        self.byUserId = byUserId
    }
}
