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

extension ConversationOpened: JSONFieldDecodable {
    static let jsonKeys: [StaticString] = [
        "at", "byUserId", "contactId", "conversationId", "departmentId", "openedBy", "tenantId",
    ]

    init(fields: JSONFields) throws {
        self.init(
            conversationId: try fields.uuid(3), tenantId: try fields.uuid(6), contactId: try fields.uuid(2),
            openedBy: try fields.raw(5, as: ConversationOpener.self), byUserId: try fields.optionalUUID(1),
            departmentId: try fields.optionalUUID(4), at: try fields.int64(0))
    }
}
