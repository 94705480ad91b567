import Foundation

struct MessageRow: ProjectedRow {
    static let table = "messages"
    static let columns = [
        "id", "tenant_id", "conversation_id", "seq", "direction", "type", "content", "metadata", "status",
        "wamid", "sent_by_id", "timestamp", "created_at", "queued_at", "sent_at", "delivered_at", "read_at",
        "failed_at", "error_code", "error_title",
    ]
    var key: UUID
    var tenantId: UUID
    var conversationId: UUID
    var seq: Int64
    var direction: String
    var type: String
    var content: String?
    /// JSON text; normalised by `jsonb` on the way in and out.
    var metadata: String?
    var status: String
    var wamid: String?
    var sentById: UUID?
    var timestamp: Int64
    var createdAt: Int64
    var queuedAt: Int64?
    var sentAt: Int64?
    var deliveredAt: Int64?
    var readAt: Int64?
    var failedAt: Int64?
    var errorCode: Int64?
    var errorTitle: String?

    init(
        key: UUID, tenantId: UUID, conversationId: UUID, seq: Int64, direction: String, type: String,
        status: String, timestamp: Int64, createdAt: Int64
    ) {
        self.key = key
        self.tenantId = tenantId
        self.conversationId = conversationId
        self.seq = seq
        self.direction = direction
        self.type = type
        self.status = status
        self.timestamp = timestamp
        self.createdAt = createdAt
    }

    init(_ r: QueryResult, _ i: Int) throws {
        key = try r.requiredUUID(i, 0)
        tenantId = try r.requiredUUID(i, 1)
        conversationId = try r.requiredUUID(i, 2)
        seq = try r.requiredInt(i, 3)
        direction = r.string(i, 4) ?? ""
        type = r.string(i, 5) ?? ""
        content = r.string(i, 6)
        metadata = r.string(i, 7)
        status = r.string(i, 8) ?? ""
        wamid = r.string(i, 9)
        sentById = try r.uuid(i, 10)
        timestamp = try r.requiredInt(i, 11)
        createdAt = try r.requiredInt(i, 12)
        queuedAt = try r.int64(i, 13)
        sentAt = try r.int64(i, 14)
        deliveredAt = try r.int64(i, 15)
        readAt = try r.int64(i, 16)
        failedAt = try r.int64(i, 17)
        errorCode = try r.int64(i, 18)
        errorTitle = r.string(i, 19)
    }

    var fields: [ColumnValue] {
        [
            .uuid(key), .uuid(tenantId), .uuid(conversationId), .int(seq), .text(direction), .text(type),
            .text(content), .text(metadata), .text(status), .text(wamid), .uuid(sentById), .int(timestamp),
            .int(createdAt), .int(queuedAt), .int(sentAt), .int(deliveredAt), .int(readAt), .int(failedAt),
            .int(errorCode), .text(errorTitle),
        ]
    }
}
