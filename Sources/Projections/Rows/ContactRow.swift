import Foundation

struct ContactRow: ProjectedRow {
    static let table = "contacts"
    static let columns = ["id", "tenant_id", "phone", "name", "created_at", "erased"]
    var key: UUID
    var tenantId: UUID
    var phone: String?
    var name: String?
    var createdAt: Int64?
    var erased = false

    init(key: UUID, tenantId: UUID) {
        self.key = key
        self.tenantId = tenantId
    }

    init(_ r: QueryResult, _ i: Int) throws {
        key = try r.requiredUUID(i, 0)
        tenantId = try r.requiredUUID(i, 1)
        phone = r.string(i, 2)
        name = r.string(i, 3)
        createdAt = try r.int64(i, 4)
        erased = r.string(i, 5) == "t"
    }

    var fields: [ColumnValue] {
        [.uuid(key), .uuid(tenantId), .text(phone), .text(name), .int(createdAt), .bool(erased)]
    }
}
