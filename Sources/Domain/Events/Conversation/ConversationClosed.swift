import Foundation

/// The conversation was closed; the contact may open a new one.
public struct ConversationClosed: PersonalDataEvent {
    public static let type = "ConversationClosed.v1"

    /// The conversation.
    public var conversationId: UUID
    /// Its contact.
    public var contactId: UUID
    /// Who closed it.
    public var byUserId: UUID?
    /// When (ms).
    public var at: Int64
    /// The personal part, sealed under the data key; `nil` once erased.
    public var personal: Personal? = nil

    /// Data key that seals `personal`.
    public var dataKey: String { DataKeys.contact(contactId) }

    /// The personal fields of `ConversationClosed`.
    public struct Personal: Codable, Sendable, Equatable, Hashable {
        /// Closing notes (free text).
        public var notes: String?

        public init(notes: String? = nil) {
            self.notes = notes
        }
    }

    // `personal` is left out: the codec encodes it on its own so the store can seal it.
    enum CodingKeys: String, CodingKey {
        case conversationId
        case contactId
        case byUserId
        case at
    }

    public init(
        conversationId: UUID, contactId: UUID, byUserId: UUID? = nil, at: Int64, personal: Personal? = nil
    ) {
        self.conversationId = conversationId
        self.contactId = contactId
        self.byUserId = byUserId
        self.at = at
        self.personal = personal
    }
}

extension ConversationClosed: JSONFieldDecodable {
    static let jsonKeys: [StaticString] = ["at", "byUserId", "contactId", "conversationId"]

    init(fields: JSONFields) throws {
        self.init(
            conversationId: try fields.uuid(3), contactId: try fields.uuid(2),
            byUserId: try fields.optionalUUID(1), at: try fields.int64(0))
    }
}

extension ConversationClosed.Personal: JSONFieldDecodable {
    static let jsonKeys: [StaticString] = ["notes"]

    init(fields: JSONFields) throws {
        self.init(notes: try fields.optionalString(0))
    }
}
