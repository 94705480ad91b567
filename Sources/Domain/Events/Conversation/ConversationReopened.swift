import Foundation

/// A closed conversation was reopened.
public struct ConversationReopened: DomainEventBody {
    public static let type = "ConversationReopened.v1"

    /// The conversation.
    public var conversationId: UUID
    /// Its contact.
    public var contactId: UUID
    /// Who reopened it.
    public var byUserId: UUID?
    /// When (ms).
    public var at: Int64

    public init(conversationId: UUID, contactId: UUID, byUserId: UUID? = nil, at: Int64) {
        self.conversationId = conversationId
        self.contactId = contactId
        self.byUserId = byUserId
        self.at = at
    }
}
