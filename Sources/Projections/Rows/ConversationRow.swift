import Foundation

struct ConversationRow: ProjectedRow {
    static let table = "conversations"
    static let columns = [
        "id", "tenant_id", "contact_id", "status", "priority", "assigned_to_id", "department_id", "tag_ids",
        "last_message_id", "last_message_content", "last_message_direction", "last_message_type",
        "last_message_at", "unread_count", "created_at", "closed_at", "first_response_at", "waiting_since",
        "rating", "rating_comment",
    ]
    var key: UUID
    var tenantId: UUID
    var contactId: UUID
    var status = "OPEN"
    var priority = "MEDIUM"
    var assignedToId: UUID?
    var departmentId: UUID?
    var tagIds: [UUID] = []
    var lastMessageId: UUID?
    var lastMessageContent: String?
    var lastMessageDirection: String?
    var lastMessageType: String?
    var lastMessageAt: Int64?
    var unreadCount: Int64 = 0
    var createdAt: Int64
    var closedAt: Int64?
    var firstResponseAt: Int64?
    var waitingSince: Int64?
    var rating: Int64?
    var ratingComment: String?

    init(key: UUID, tenantId: UUID, contactId: UUID, createdAt: Int64) {
        self.key = key
        self.tenantId = tenantId
        self.contactId = contactId
        self.createdAt = createdAt
    }

    init(_ r: QueryResult, _ i: Int) throws {
        key = try r.requiredUUID(i, 0)
        tenantId = try r.requiredUUID(i, 1)
        contactId = try r.requiredUUID(i, 2)
        status = r.string(i, 3) ?? "OPEN"
        priority = r.string(i, 4) ?? "MEDIUM"
        assignedToId = try r.uuid(i, 5)
        departmentId = try r.uuid(i, 6)
        tagIds =
            r.string(i, 7).map { PostgresArrayParser.parse($0).compactMap { UUID(uuidString: $0) } } ?? []
        lastMessageId = try r.uuid(i, 8)
        lastMessageContent = r.string(i, 9)
        lastMessageDirection = r.string(i, 10)
        lastMessageType = r.string(i, 11)
        lastMessageAt = try r.int64(i, 12)
        unreadCount = try r.requiredInt(i, 13)
        createdAt = try r.requiredInt(i, 14)
        closedAt = try r.int64(i, 15)
        firstResponseAt = try r.int64(i, 16)
        waitingSince = try r.int64(i, 17)
        rating = try r.int64(i, 18)
        ratingComment = r.string(i, 19)
    }

    var fields: [ColumnValue] {
        [
            .uuid(key), .uuid(tenantId), .uuid(contactId), .text(status), .text(priority),
            .uuid(assignedToId),
            .uuid(departmentId), .uuids(tagIds), .uuid(lastMessageId), .text(lastMessageContent),
            .text(lastMessageDirection), .text(lastMessageType), .int(lastMessageAt), .int(unreadCount),
            .int(createdAt), .int(closedAt), .int(firstResponseAt), .int(waitingSince), .int(rating),
            .text(ratingComment),
        ]
    }
}
