import Foundation

struct TagRow: ProjectedRow {
    static let table = "tags"
    static let columns = ["id", "tenant_id", "name", "color", "created_at"]
    var key: UUID
    var tenantId: UUID
    var name: String?
    var color: String?
    var createdAt: Int64?

    init(key: UUID, tenantId: UUID) {
        self.key = key
        self.tenantId = tenantId
    }

    init(_ r: QueryResult, _ i: Int) throws {
        key = try r.requiredUUID(i, 0)
        tenantId = try r.requiredUUID(i, 1)
        name = r.string(i, 2)
        color = r.string(i, 3)
        createdAt = try r.int64(i, 4)
    }

    var fields: [ColumnValue] { [.uuid(key), .uuid(tenantId), .text(name), .text(color), .int(createdAt)] }
}
