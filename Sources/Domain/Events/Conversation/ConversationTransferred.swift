import Foundation

/// The conversation was transferred to another agent and/or department (seed 004).
public struct ConversationTransferred: PersonalDataEvent {
    public static let type = "ConversationTransferred.v1"

    /// The conversation.
    public var conversationId: UUID
    /// Its contact (names the data key of the reason).
    public var contactId: UUID
    /// Id of this transfer.
    public var transferId: UUID
    /// Previous assignee.
    public var fromUserId: UUID?
    /// New assignee; `nil` leaves it unassigned (in the new department's queue).
    public var toUserId: UUID?
    /// Previous department.
    public var fromDepartmentId: UUID?
    /// New department; `nil` keeps the current one.
    public var toDepartmentId: UUID?
    /// Who transferred it.
    public var byUserId: UUID?
    /// When (ms).
    public var at: Int64
    /// The personal part, sealed under the data key; `nil` once erased.
    public var personal: Personal? = nil

    /// Data key that seals `personal`.
    public var dataKey: String { DataKeys.contact(contactId) }

    /// The personal fields of `ConversationTransferred`.
    public struct Personal: Codable, Sendable, Equatable, Hashable {
        /// Why it was transferred (free text).
        public var reason: String

        public init(reason: String) {
            self.reason = reason
        }
    }

    // `personal` is left out: the codec encodes it on its own so the store can seal it.
    enum CodingKeys: String, CodingKey {
        case conversationId
        case contactId
        case transferId
        case fromUserId
        case toUserId
        case fromDepartmentId
        case toDepartmentId
        case byUserId
        case at
    }

    public init(
        conversationId: UUID, contactId: UUID, transferId: UUID, fromUserId: UUID? = nil,
        toUserId: UUID? = nil, fromDepartmentId: UUID? = nil, toDepartmentId: UUID? = nil,
        byUserId: UUID? = nil, at: Int64, personal: Personal? = nil
    ) {
        self.conversationId = conversationId
        self.contactId = contactId
        self.transferId = transferId
        self.fromUserId = fromUserId
        self.toUserId = toUserId
        self.fromDepartmentId = fromDepartmentId
        self.toDepartmentId = toDepartmentId
        self.byUserId = byUserId
        self.at = at
        self.personal = personal
    }
}
