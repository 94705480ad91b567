import Foundation

/// The outbound message could not be delivered; this is terminal.
public struct MessageFailed: DomainEventBody {
    public static let type = "MessageFailed.v1"

    /// The conversation.
    public var conversationId: UUID
    /// The message.
    public var messageId: UUID
    /// Provider message id, `nil` when the send itself was refused.
    public var wamid: String?
    /// When (ms).
    public var at: Int64
    /// Code, title, details, retryable.
    public var failure: DeliveryFailure

    public init(
        conversationId: UUID, messageId: UUID, wamid: String? = nil, at: Int64, failure: DeliveryFailure
    ) {
        self.conversationId = conversationId
        self.messageId = messageId
        self.wamid = wamid
        self.at = at
        self.failure = failure
    }
}
