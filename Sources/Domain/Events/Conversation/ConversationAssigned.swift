import Foundation

/// The conversation was assigned to an agent, or unassigned (`userId == nil`).
public struct ConversationAssigned: DomainEventBody {
    public static let type = "ConversationAssigned.v1"

    /// The conversation.
    public var conversationId: UUID
    /// The new assignee, `nil` when unassigned.
    public var userId: UUID?
    /// Who assigned it.
    public var byUserId: UUID?

    public init(conversationId: UUID, userId: UUID? = nil, byUserId: UUID? = nil) {
        self.conversationId = conversationId
        self.userId = userId
        self.byUserId = byUserId
    }
}

extension ConversationAssigned: JSONFieldDecodable {
    static let jsonKeys: [StaticString] = ["byUserId", "conversationId", "userId"]

    init(fields: JSONFields) throws {
        self.init(
            conversationId: try fields.uuid(1), userId: try fields.optionalUUID(2),
            byUserId: try fields.optionalUUID(0))
    }
}
