import Foundation

/// A conversation with a contact began.
public struct ConversationOpened: DomainEventBody {
    public static let type = "ConversationOpened.v1"

    /// The conversation.
    public var conversationId: UUID
    /// Its tenant.
    public var tenantId: UUID
    /// The contact.
    public var contactId: UUID
    /// Inbound message or agent.
    public var openedBy: ConversationOpener
    /// The agent who opened it.
    public var byUserId: UUID?
    /// Department it starts in.
    public var departmentId: UUID?
    /// When it opened (ms).
    public var at: Int64

    public init(
        conversationId: UUID, tenantId: UUID, contactId: UUID, openedBy: ConversationOpener,
        byUserId: UUID? = nil, departmentId: UUID? = nil, at: Int64
    ) {
        self.conversationId = conversationId
        self.tenantId = tenantId
        self.contactId = contactId
        self.openedBy = openedBy
        self.byUserId = byUserId
        self.departmentId = departmentId
        self.at = at
    }
}
