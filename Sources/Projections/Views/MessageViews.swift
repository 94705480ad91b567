/// One message of `GET /api/conversations/:id/messages` (seed 001), plus delivery timestamps.
public struct MessageView: Codable, Sendable, Equatable {
    public let id: String
    public let conversationId: String
    @Nullable public var whatsappMessageId: String?
    public let direction: String
    public let type: String
    @Nullable public var content: String?
    @Nullable public var metadata: JSONValue?
    public let status: String
    @Nullable public var sentById: String?
    public let timestamp: String
    public let createdAt: String
    @Nullable public var sentAt: String?
    @Nullable public var deliveredAt: String?
    @Nullable public var readAt: String?
    @Nullable public var failedAt: String?
    @Nullable public var errorCode: Int?
    @Nullable public var errorTitle: String?
}

/// `{data, hasMore, nextCursor}`: `nextCursor` is the `before` value for the previous page.
public struct MessagePage: Codable, Sendable, Equatable {
    public let data: [MessageView]
    public let hasMore: Bool
    @Nullable public var nextCursor: String?
}

/// The conversation embedded in a search hit.
public struct SearchConversation: Codable, Sendable, Equatable {
    public let id: String
    public let contact: SearchContact
}

/// The contact embedded in a search hit.
public struct SearchContact: Codable, Sendable, Equatable {
    public let id: String
    @Nullable public var name: String?
    @Nullable public var phoneNumber: String?
}

/// One hit of `GET /api/messages/search` (seed 001).
public struct MessageSearchHit: Codable, Sendable, Equatable {
    public let id: String
    public let conversationId: String
    public let direction: String
    public let type: String
    @Nullable public var content: String?
    public let timestamp: String
    public let conversation: SearchConversation
}

/// `{data, count}`.
public struct MessageSearchResult: Codable, Sendable, Equatable {
    public let data: [MessageSearchHit]
    public let count: Int
}

/// `GET /api/conversations/:id/stats` (seed 001).
public struct ConversationStats: Codable, Sendable, Equatable {
    public let total: Int
    public let byDirection: [String: Int]
    public let byStatus: [String: Int]
}

/// One entry of a conversation's transfer history (seed 004 "transferir").
public struct TransferView: Codable, Sendable, Equatable {
    public let id: String
    public let conversationId: String
    @Nullable public var fromUserId: String?
    @Nullable public var fromUserName: String?
    @Nullable public var toUserId: String?
    @Nullable public var toUserName: String?
    @Nullable public var fromDepartmentId: String?
    @Nullable public var toDepartmentId: String?
    @Nullable public var reason: String?
    @Nullable public var byUserId: String?
    public let createdAt: String
}
