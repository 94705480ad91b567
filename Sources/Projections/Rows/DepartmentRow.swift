import Foundation

struct DepartmentRow: ProjectedRow {
    static let table = "departments"
    static let columns = [
        "id", "tenant_id", "name", "description", "color", "max_concurrent", "expected_response_minutes",
        "active", "created_at",
    ]
    var key: UUID
    var tenantId: UUID
    var name: String?
    var description: String?
    var color: String?
    var maxConcurrent: Int64?
    var expectedResponseMinutes: Int64?
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
        description = r.string(i, 3)
        color = r.string(i, 4)
        maxConcurrent = try r.int64(i, 5)
        expectedResponseMinutes = try r.int64(i, 6)
        active = r.string(i, 7) == "t"
        createdAt = try r.int64(i, 8)
    }

    var fields: [ColumnValue] {
        [
            .uuid(key), .uuid(tenantId), .text(name), .text(description), .text(color), .int(maxConcurrent),
            .int(expectedResponseMinutes), .bool(active), .int(createdAt),
        ]
    }
}
