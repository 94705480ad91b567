import Foundation

struct TransferRow: ProjectedRow {
    static let table = "transfers"
    static let columns = [
        "id", "tenant_id", "conversation_id", "from_user_id", "to_user_id", "from_department_id",
        "to_department_id", "reason", "by_user_id", "at", "position",
    ]
    var key: UUID
    var tenantId: UUID
    var conversationId: UUID
    var fromUserId: UUID?
    var toUserId: UUID?
    var fromDepartmentId: UUID?
    var toDepartmentId: UUID?
    var reason: String?
    var byUserId: UUID?
    var at: Int64
    var position: Int64

    init(
        key: UUID, tenantId: UUID, conversationId: UUID, fromUserId: UUID?, toUserId: UUID?,
        fromDepartmentId: UUID?, toDepartmentId: UUID?, reason: String?, byUserId: UUID?, at: Int64,
        position: Int64
    ) {
        self.key = key
        self.tenantId = tenantId
        self.conversationId = conversationId
        self.fromUserId = fromUserId
        self.toUserId = toUserId
        self.fromDepartmentId = fromDepartmentId
        self.toDepartmentId = toDepartmentId
        self.reason = reason
        self.byUserId = byUserId
        self.at = at
        self.position = position
    }

    init(_ r: QueryResult, _ i: Int) throws {
        key = try r.requiredUUID(i, 0)
        tenantId = try r.requiredUUID(i, 1)
        conversationId = try r.requiredUUID(i, 2)
        fromUserId = try r.uuid(i, 3)
        toUserId = try r.uuid(i, 4)
        fromDepartmentId = try r.uuid(i, 5)
        toDepartmentId = try r.uuid(i, 6)
        reason = r.string(i, 7)
        byUserId = try r.uuid(i, 8)
        at = try r.requiredInt(i, 9)
        position = try r.requiredInt(i, 10)
    }

    var fields: [ColumnValue] {
        [
            .uuid(key), .uuid(tenantId), .uuid(conversationId), .uuid(fromUserId), .uuid(toUserId),
            .uuid(fromDepartmentId), .uuid(toDepartmentId), .text(reason), .uuid(byUserId), .int(at),
            .int(position),
        ]
    }
}
