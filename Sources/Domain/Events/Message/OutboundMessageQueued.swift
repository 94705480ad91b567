import Foundation

/// An outbound message was accepted for sending (or, from the phone, was already sent).
public struct OutboundMessageQueued: PersonalDataEvent {
    public static let type = "OutboundMessageQueued.v1"

    /// The conversation.
    public var conversationId: UUID
    /// The recipient.
    public var contactId: UUID
    /// The message.
    public var messageId: UUID
    /// Seed 001 type.
    public var kind: OutboundMessageKind
    /// Agent who wrote it (`nil` from the phone).
    public var sentById: UUID?
    /// Agent (ChatLedger) or phone.
    public var origin: MessageOrigin
    /// When (ms).
    public var at: Int64
    /// What is sent; `nil` once erased.
    public var personal: Personal? = nil

    /// Data key that seals `personal`.
    public var dataKey: String { DataKeys.contact(contactId) }

    public typealias Personal = OutboundContent

    // `personal` is left out: the codec encodes it on its own so the store can seal it.
    enum CodingKeys: String, CodingKey {
        case conversationId
        case contactId
        case messageId
        case kind
        case sentById
        case origin
        case at
    }

    public init(
        conversationId: UUID, contactId: UUID, messageId: UUID, kind: OutboundMessageKind,
        sentById: UUID? = nil, origin: MessageOrigin, at: Int64, personal: Personal? = nil
    ) {
        self.conversationId = conversationId
        self.contactId = contactId
        self.messageId = messageId
        self.kind = kind
        self.sentById = sentById
        self.origin = origin
        self.at = at
        self.personal = personal
    }
}

extension OutboundMessageQueued: JSONFieldDecodable {
    static let jsonKeys: [StaticString] = [
        "at", "contactId", "conversationId", "kind", "messageId", "origin", "sentById",
    ]

    init(fields: JSONFields) throws {
        self.init(
            conversationId: try fields.uuid(2), contactId: try fields.uuid(1), messageId: try fields.uuid(4),
            kind: try fields.raw(3, as: OutboundMessageKind.self), sentById: try fields.optionalUUID(6),
            origin: try fields.raw(5, as: MessageOrigin.self), at: try fields.int64(0))
    }
}
