import Foundation

struct UserRow: ProjectedRow {
    static let table = "users"
    static let columns = [
        "id", "tenant_id", "name", "email", "role", "department_id", "active", "created_at",
    ]
    var key: UUID
    var tenantId: UUID
    var name: String?
    var email: String?
    var role: String?
    var departmentId: UUID?
    var active = true
    var createdAt: Int64?

    init(key: UUID, tenantId: UUID) {
        self.key = key
        self.tenantId = tenantId
    }

    init(_ r: QueryResult, _ i: Int) throws {
        key = try r.requiredUUID(i, 0)
        tenantId = try r.requiredUUID(i, 1)
        name = r.string(i, 2)
        email = r.string(i, 3)
        role = r.string(i, 4)
        departmentId = try r.uuid(i, 5)
        active = r.string(i, 6) == "t"
        createdAt = try r.int64(i, 7)
    }

    var fields: [ColumnValue] {
        [
            .uuid(key), .uuid(tenantId), .text(name), .text(email), .text(role), .uuid(departmentId),
            .bool(active), .int(createdAt),
        ]
    }
}
