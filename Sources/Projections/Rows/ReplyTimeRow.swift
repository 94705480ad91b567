import Foundation

struct ReplyTimeRow: ProjectedRow {
    static let table = "reply_times"
    static let columns = [
        "message_id", "tenant_id", "conversation_id", "agent_id", "department_id", "waited_ms", "replied_at",
    ]
    var key: UUID
    var tenantId: UUID
    var conversationId: UUID
    var agentId: UUID?
    var departmentId: UUID?
    var waitedMs: Int64
    var repliedAt: Int64

    init(
        key: UUID, tenantId: UUID, conversationId: UUID, agentId: UUID?, departmentId: UUID?, waitedMs: Int64,
        repliedAt: Int64
    ) {
        self.key = key
        self.tenantId = tenantId
        self.conversationId = conversationId
        self.agentId = agentId
        self.departmentId = departmentId
        self.waitedMs = waitedMs
        self.repliedAt = repliedAt
    }

    init(_ r: QueryResult, _ i: Int) throws {
        key = try r.requiredUUID(i, 0)
        tenantId = try r.requiredUUID(i, 1)
        conversationId = try r.requiredUUID(i, 2)
        agentId = try r.uuid(i, 3)
        departmentId = try r.uuid(i, 4)
        waitedMs = try r.requiredInt(i, 5)
        repliedAt = try r.requiredInt(i, 6)
    }

    var fields: [ColumnValue] {
        [
            .uuid(key), .uuid(tenantId), .uuid(conversationId), .uuid(agentId), .uuid(departmentId),
            .int(waitedMs), .int(repliedAt),
        ]
    }
}
