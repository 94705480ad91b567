import Foundation

struct RatingRow: ProjectedRow {
    static let table = "ratings"
    static let columns = [
        "conversation_id", "tenant_id", "score", "comment", "agent_id", "department_id", "rated_at",
    ]
    var key: UUID
    var tenantId: UUID
    var score: Int64
    var comment: String?
    var agentId: UUID?
    var departmentId: UUID?
    var ratedAt: Int64

    init(
        key: UUID, tenantId: UUID, score: Int64, comment: String?, agentId: UUID?, departmentId: UUID?,
        ratedAt: Int64
    ) {
        self.key = key
        self.tenantId = tenantId
        self.score = score
        self.comment = comment
        self.agentId = agentId
        self.departmentId = departmentId
        self.ratedAt = ratedAt
    }

    init(_ r: QueryResult, _ i: Int) throws {
        key = try r.requiredUUID(i, 0)
        tenantId = try r.requiredUUID(i, 1)
        score = try r.requiredInt(i, 2)
        comment = r.string(i, 3)
        agentId = try r.uuid(i, 4)
        departmentId = try r.uuid(i, 5)
        ratedAt = try r.requiredInt(i, 6)
    }

    var fields: [ColumnValue] {
        [
            .uuid(key), .uuid(tenantId), .int(score), .text(comment), .uuid(agentId), .uuid(departmentId),
            .int(ratedAt),
        ]
    }
}
