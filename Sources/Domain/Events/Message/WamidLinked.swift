import Foundation

/// The send of this wamid was recorded in a conversation; later statuses go there (stream `wamid-…`).
public struct WamidLinked: DomainEventBody {
    public static let type = "WamidLinked.v1"

    /// Provider message id.
    public var wamid: String
    /// Conversation holding the message.
    public var conversationId: UUID
    /// The message.
    public var messageId: UUID

    public init(wamid: String, conversationId: UUID, messageId: UUID) {
        self.wamid = wamid
        self.conversationId = conversationId
        self.messageId = messageId
    }
}
