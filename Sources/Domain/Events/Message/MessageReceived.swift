import Foundation

/// A message from the contact arrived.
public struct MessageReceived: PersonalDataEvent {
    public static let type = "MessageReceived.v1"

    /// The conversation.
    public var conversationId: UUID
    /// The sender.
    public var contactId: UUID
    /// Deterministic id (provider + provider message id).
    public var messageId: UUID
    /// Provider message id.
    public var wamid: String
    /// Message type.
    public var messageType: InboundMessageType
    /// When WhatsApp says it was sent (ms).
    public var providerTimestamp: Int64
    /// Message this one replies to or reacts to (`context.id`, reaction target).
    public var replyToWamid: String?
    /// When ChatLedger accepted it (ms).
    public var receivedAt: Int64
    /// What the contact sent; `nil` once erased.
    public var personal: Personal? = nil

    /// Data key that seals `personal`.
    public var dataKey: String { DataKeys.contact(contactId) }

    public typealias Personal = InboundContent

    // `personal` is left out: the codec encodes it on its own so the store can seal it.
    enum CodingKeys: String, CodingKey {
        case conversationId
        case contactId
        case messageId
        case wamid
        case messageType
        case providerTimestamp
        case replyToWamid
        case receivedAt
    }

    public init(
        conversationId: UUID, contactId: UUID, messageId: UUID, wamid: String,
        messageType: InboundMessageType, providerTimestamp: Int64, replyToWamid: String? = nil,
        receivedAt: Int64, personal: Personal? = nil
    ) {
        self.conversationId = conversationId
        self.contactId = contactId
        self.messageId = messageId
        self.wamid = wamid
        self.messageType = messageType
        self.providerTimestamp = providerTimestamp
        self.replyToWamid = replyToWamid
        self.receivedAt = receivedAt
        self.personal = personal
    }
}

extension MessageReceived: JSONFieldDecodable {
    static let jsonKeys: [StaticString] = [
        "contactId", "conversationId", "messageId", "messageType", "providerTimestamp", "receivedAt",
        "replyToWamid", "wamid",
    ]

    init(fields: JSONFields) throws {
        self.init(
            conversationId: try fields.uuid(1), contactId: try fields.uuid(0), messageId: try fields.uuid(2),
            wamid: try fields.string(7), messageType: try fields.raw(3, as: InboundMessageType.self),
            providerTimestamp: try fields.int64(4), replyToWamid: try fields.optionalString(6),
            receivedAt: try fields.int64(5))
    }
}
