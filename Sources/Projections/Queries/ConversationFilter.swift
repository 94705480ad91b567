import Foundation

/// Filters and paging of `GET /api/conversations`.
public struct ConversationFilter: Sendable, Equatable {
    public var status: String?
    public var priority: String?
    public var assignedToId: UUID?
    public var departmentId: UUID?
    /// A tag id or a tag name (case-insensitive).
    public var tag: String?
    /// `true`: only conversations with unread messages; `false`: only fully read ones.
    public var unread: Bool?
    /// Contact name or phone substring.
    public var search: String?
    public var page: Int
    public var limit: Int

    public static let statuses: Set<String> = ["OPEN", "IN_PROGRESS", "WAITING", "CLOSED"]
    public static let priorities: Set<String> = ["LOW", "MEDIUM", "HIGH", "URGENT"]

    public init(
        status: String? = nil, priority: String? = nil, assignedToId: UUID? = nil,
        departmentId: UUID? = nil, tag: String? = nil, unread: Bool? = nil, search: String? = nil,
        page: Int = 1, limit: Int = 20
    ) {
        self.status = status
        self.priority = priority
        self.assignedToId = assignedToId
        self.departmentId = departmentId
        self.tag = tag
        self.unread = unread
        self.search = search
        self.page = page
        self.limit = limit
    }

    func validate() throws {
        if let status, !Self.statuses.contains(status) {
            throw ReadModelError.invalidParameter(field: "status", reason: "unknown status \(status)")
        }
        if let priority, !Self.priorities.contains(priority) {
            throw ReadModelError.invalidParameter(field: "priority", reason: "unknown priority \(priority)")
        }
        guard page >= 1, page <= 1_000_000 else {
            throw ReadModelError.invalidParameter(field: "page", reason: "must be between 1 and 1000000")
        }
        try ReadModel.checkLimit(limit)
    }

    /// The WHERE clause (after `c.tenant_id = $1`) and its parameters.
    func whereClause(schema s: String, tenant: UUID) -> (sql: String, parameters: [any PostgresEncodable]) {
        var conditions = ["c.tenant_id = $1"]
        var parameters: [any PostgresEncodable] = [tenant]
        func add(_ condition: (String) -> String, _ value: any PostgresEncodable) {
            parameters.append(value)
            conditions.append(condition("$\(parameters.count)"))
        }
        if let status { add({ "c.status = \($0)" }, status) }
        if let priority { add({ "c.priority = \($0)" }, priority) }
        if let assignedToId { add({ "c.assigned_to_id = \($0)" }, assignedToId) }
        if let departmentId { add({ "c.department_id = \($0)" }, departmentId) }
        if let tag {
            if let id = UUID(uuidString: tag) {
                add({ "c.tag_ids @> ARRAY[\($0)::uuid]" }, id)
            } else {
                add(
                    {
                        "c.tag_ids && ARRAY(SELECT t.id FROM \(s).tags t WHERE t.tenant_id = $1"
                            + " AND lower(t.name) = lower(\($0)))"
                    }, tag)
            }
        }
        if let unread { conditions.append(unread ? "c.unread_count > 0" : "c.unread_count = 0") }
        if let search, !search.isEmpty {
            let pattern = "%" + Self.escapeLike(search.lowercased()) + "%"
            add(
                {
                    "c.contact_id IN (SELECT k.id FROM \(s).contacts k WHERE k.tenant_id = $1"
                        + " AND (lower(k.name) LIKE \($0) OR k.phone LIKE \($0)))"
                }, pattern)
        }
        return (conditions.joined(separator: " AND "), parameters)
    }

    static func escapeLike(_ text: String) -> String {
        var out = ""
        for ch in text {
            if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
