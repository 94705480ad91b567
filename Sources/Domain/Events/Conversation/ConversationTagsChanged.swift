import Foundation

/// The conversation's tags were replaced.
public struct ConversationTagsChanged: DomainEventBody {
    public static let type = "ConversationTagsChanged.v1"

    /// The conversation.
    public var conversationId: UUID
    /// The full new set, sorted.
    public var tagIds: [UUID]
    /// Who changed them.
    public var byUserId: UUID?

    public init(conversationId: UUID, tagIds: [UUID], byUserId: UUID? = nil) {
        self.conversationId = conversationId
        self.tagIds = tagIds
        self.byUserId = byUserId
    }
}
