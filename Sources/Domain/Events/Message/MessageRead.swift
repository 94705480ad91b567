import Foundation

/// The contact read the outbound message.
public struct MessageRead: DomainEventBody {
    public static let type = "MessageRead.v1"

    /// The conversation.
    public var conversationId: UUID
    /// The message.
    public var messageId: UUID
    /// Provider message id.
    public var wamid: String
    /// When the provider says (ms).
    public var at: Int64

    public init(conversationId: UUID, messageId: UUID, wamid: String, at: Int64) {
        self.conversationId = conversationId
        self.messageId = messageId
        self.wamid = wamid
        self.at = at
    }
}

extension MessageRead: JSONFieldDecodable {
    static let jsonKeys: [StaticString] = ["at", "conversationId", "messageId", "wamid"]

    init(fields: JSONFields) throws {
        self.init(
            conversationId: try fields.uuid(1), messageId: try fields.uuid(2), wamid: try fields.string(3),
            at: try fields.int64(0))
    }
}
