/// A contact as embedded in a conversation list item (seed 001).
public struct ContactSummary: Codable, Sendable, Equatable {
    public let id: String
    @Nullable public var phoneNumber: String?
    @Nullable public var name: String?
    @Nullable public var profilePictureUrl: String?
}

/// A contact as embedded in a conversation detail (seed 001).
public struct ContactDetail: Codable, Sendable, Equatable {
    public let id: String
    @Nullable public var phoneNumber: String?
    @Nullable public var name: String?
    @Nullable public var email: String?
    @Nullable public var profilePictureUrl: String?
    @Nullable public var createdAt: String?
}

/// An agent as embedded in a conversation (`assignedTo`).
public struct AgentSummary: Codable, Sendable, Equatable {
    public let id: String
    @Nullable public var name: String?
    @Nullable public var email: String?
}

/// A tag (`{id, name, color}`).
public struct TagView: Codable, Sendable, Equatable {
    public let id: String
    @Nullable public var name: String?
    @Nullable public var color: String?
}

/// A department as embedded in a conversation.
public struct DepartmentSummary: Codable, Sendable, Equatable {
    public let id: String
    @Nullable public var name: String?
    @Nullable public var color: String?
}

/// The last message shown in a conversation list item.
public struct LastMessageView: Codable, Sendable, Equatable {
    public let id: String
    @Nullable public var content: String?
    public let direction: String
    public let type: String
    public let timestamp: String
}

/// A conversation rating (seed 004 "avaliar").
public struct RatingView: Codable, Sendable, Equatable {
    public let score: Int
    @Nullable public var comment: String?
}

/// A conversation as the API shows it (seed 001); list items and the detail differ only in how
/// much of the contact they carry.
public struct ConversationView<ContactView: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public let id: String
    public let tenantId: String
    public let contactId: String
    public let contact: ContactView
    public let status: String
    public let priority: String
    @Nullable public var assignedToId: String?
    @Nullable public var assignedTo: AgentSummary?
    @Nullable public var departmentId: String?
    @Nullable public var department: DepartmentSummary?
    public let tags: [TagView]
    @Nullable public var lastMessageAt: String?
    @Nullable public var closedAt: String?
    @Nullable public var lastMessage: LastMessageView?
    public let unreadCount: Int
    public let createdAt: String
    @Nullable public var rating: RatingView?

    /// The same conversation showing `contact` instead.
    public func showing<Other>(_ contact: Other) -> ConversationView<Other> {
        ConversationView<Other>(
            id: id, tenantId: tenantId, contactId: contactId, contact: contact, status: status,
            priority: priority, assignedToId: assignedToId, assignedTo: assignedTo,
            departmentId: departmentId, department: department, tags: tags, lastMessageAt: lastMessageAt,
            closedAt: closedAt, lastMessage: lastMessage, unreadCount: unreadCount, createdAt: createdAt,
            rating: rating)
    }
}

/// One item of `GET /api/conversations` (seed 001).
public typealias ConversationListItem = ConversationView<ContactSummary>

/// `GET /api/conversations/:id` (seed 001), also returned by conversation commands.
public typealias ConversationDetail = ConversationView<ContactDetail>

/// `{page, limit, total, pages}`.
public struct Pagination: Codable, Sendable, Equatable {
    public let page: Int
    public let limit: Int
    public let total: Int
    public let pages: Int
}

/// `{data, pagination}` (seed 001 list responses).
public struct Page<Item: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public let data: [Item]
    public let pagination: Pagination
}
