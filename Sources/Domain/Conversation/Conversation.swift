import Foundation

/// A conversation (seed 001 conversation, seed 004 atendimento) with its messages, folded
/// from the `conversation-<id>` stream.
public struct Conversation: Aggregate, Equatable {
    /// Free-form messages are allowed only this long after the contact's last inbound message.
    public static let serviceWindowMilliseconds: Int64 = 24 * 60 * 60 * 1000

    public var id: UUID
    public var tenantId: UUID
    public var contactId: UUID
    public var status: ConversationStatus
    public var priority: ConversationPriority
    /// Sorted tag ids.
    public var tagIds: [UUID]
    public var assignedUserId: UUID?
    public var departmentId: UUID?
    public var openedAt: Int64
    public var closedAt: Int64?
    /// Provider timestamp of the contact's last inbound message; starts the 24-hour window.
    public var lastInboundAt: Int64?
    public var lastMessageAt: Int64?
    /// Score of the rating given since the last close.
    public var rating: Int?
    /// Inbound messages since an agent last read the conversation.
    public var unreadCount: Int
    public var messages: [UUID: ConversationMessage]
    public var messageIdsByWamid: [String: UUID]

    public init(
        id: UUID, tenantId: UUID, contactId: UUID, departmentId: UUID?, assignedUserId: UUID?, openedAt: Int64
    ) {
        self.id = id
        self.tenantId = tenantId
        self.contactId = contactId
        self.status = .open
        self.priority = .medium
        self.tagIds = []
        self.assignedUserId = assignedUserId
        self.departmentId = departmentId
        self.openedAt = openedAt
        self.unreadCount = 0
        self.messages = [:]
        self.messageIdsByWamid = [:]
    }

    /// Whether the conversation is closed.
    public var isClosed: Bool { status == .closed }

    /// Whether a free-form (non-template) message may be sent at `now`.
    public func isServiceWindowOpen(at now: Int64) -> Bool {
        guard let lastInboundAt else { return false }
        return now < lastInboundAt + Self.serviceWindowMilliseconds
    }

    /// The message carrying provider id `wamid`.
    public func message(wamid: String) -> ConversationMessage? {
        messageIdsByWamid[wamid].flatMap { messages[$0] }
    }

}
