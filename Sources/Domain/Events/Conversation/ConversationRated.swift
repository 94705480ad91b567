import Foundation

/// The closed conversation was rated (seed 004 "avaliar").
public struct ConversationRated: PersonalDataEvent {
    public static let type = "ConversationRated.v1"

    /// The conversation.
    public var conversationId: UUID
    /// Its contact.
    public var contactId: UUID
    /// 1 to 5.
    public var score: Int
    /// When (ms).
    public var at: Int64
    /// The personal part, sealed under the data key; `nil` once erased.
    public var personal: Personal? = nil

    /// Data key that seals `personal`.
    public var dataKey: String { DataKeys.contact(contactId) }

    /// The personal fields of `ConversationRated`.
    public struct Personal: Codable, Sendable, Equatable, Hashable {
        /// Free-text comment.
        public var comment: String?

        public init(comment: String? = nil) {
            self.comment = comment
        }
    }

    // `personal` is left out: the codec encodes it on its own so the store can seal it.
    enum CodingKeys: String, CodingKey {
        case conversationId
        case contactId
        case score
        case at
    }

    public init(conversationId: UUID, contactId: UUID, score: Int, at: Int64, personal: Personal? = nil) {
        self.conversationId = conversationId
        self.contactId = contactId
        self.score = score
        self.at = at
        self.personal = personal
    }
}

extension ConversationRated: JSONFieldDecodable {
    static let jsonKeys: [StaticString] = ["at", "contactId", "conversationId", "score"]

    init(fields: JSONFields) throws {
        self.init(
            conversationId: try fields.uuid(2), contactId: try fields.uuid(1), score: try fields.int(3),
            at: try fields.int64(0))
    }
}

extension ConversationRated.Personal: JSONFieldDecodable {
    static let jsonKeys: [StaticString] = ["comment"]

    init(fields: JSONFields) throws {
        self.init(comment: try fields.optionalString(0))
    }
}
