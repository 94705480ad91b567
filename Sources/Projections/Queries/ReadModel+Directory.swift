import Foundation

extension ReadModel {
    /// `GET /api/stats/agents`: every user of the tenant with their open conversations.
    public func agentWorkload(tenant: UUID) throws -> [AgentWorkload] {
        try run { connection, s in
            let rows = try connection.queryPrepared(
                """
                SELECT u.id, u.name, u.email, u.role, u.department_id, u.active,
                       (SELECT count(*) FROM \(s).conversations c
                         WHERE c.tenant_id = $1 AND c.assigned_to_id = u.id AND c.status <> 'CLOSED') AS open
                FROM \(s).users u WHERE u.tenant_id = $1 ORDER BY u.name, u.id
                """, [tenant])
            return try (0..<rows.count).map { row in
                AgentWorkload(
                    id: rows.string(row, "id") ?? "", name: rows.string(row, "name"),
                    email: rows.string(row, "email"), role: rows.string(row, "role"),
                    departmentId: rows.string(row, "department_id"),
                    isActive: rows.bool(row, "active") ?? false,
                    openConversations: Int(try rows.int64(row, "open") ?? 0))
            }
        }
    }

    /// `GET /api/departments` with agents and queue figures.
    public func departments(tenant: UUID) throws -> [DepartmentView] {
        try run { connection, s in
            let rows = try connection.queryPrepared(
                """
                SELECT d.*,
                  (SELECT count(*) FROM \(s).users u WHERE u.tenant_id = $1 AND u.department_id = d.id
                     AND u.active) AS agents,
                  (SELECT count(*) FROM \(s).conversations c WHERE c.tenant_id = $1 AND c.department_id = d.id
                     AND c.status <> 'CLOSED' AND c.assigned_to_id IS NULL) AS queued,
                  (SELECT count(*) FROM \(s).conversations c WHERE c.tenant_id = $1 AND c.department_id = d.id
                     AND c.status <> 'CLOSED' AND c.assigned_to_id IS NOT NULL) AS in_progress
                FROM \(s).departments d WHERE d.tenant_id = $1 ORDER BY d.name, d.id
                """, [tenant])
            return try (0..<rows.count).map { row in
                DepartmentView(
                    id: rows.string(row, "id") ?? "", name: rows.string(row, "name"),
                    description: rows.string(row, "description"), color: rows.string(row, "color"),
                    maxConcurrentConversations: try rows.int64(row, "max_concurrent").map { Int($0) },
                    expectedResponseMinutes: try rows.int64(row, "expected_response_minutes").map { Int($0) },
                    active: rows.bool(row, "active") ?? false,
                    totalAgents: Int(try rows.int64(row, "agents") ?? 0),
                    totalQueued: Int(try rows.int64(row, "queued") ?? 0),
                    totalInProgress: Int(try rows.int64(row, "in_progress") ?? 0),
                    createdAt: Timestamp.format(ifPresent: try rows.int64(row, "created_at")))
            }
        }
    }

    /// `GET /auth/users`.
    public func users(tenant: UUID) throws -> [UserView] {
        try run { connection, s in
            let rows = try connection.queryPrepared(
                "SELECT * FROM \(s).users WHERE tenant_id = $1 ORDER BY name, id", [tenant])
            return try (0..<rows.count).map { row in
                UserView(
                    id: rows.string(row, "id") ?? "", name: rows.string(row, "name"),
                    email: rows.string(row, "email"),
                    role: rows.string(row, "role"), departmentId: rows.string(row, "department_id"),
                    isActive: rows.bool(row, "active") ?? false,
                    createdAt: Timestamp.format(ifPresent: try rows.int64(row, "created_at")))
            }
        }
    }

    /// The tenant's tags, by name.
    public func tags(tenant: UUID) throws -> [TagView] {
        try run { connection, s in
            let rows = try connection.queryPrepared(
                "SELECT id, name, color FROM \(s).tags WHERE tenant_id = $1 ORDER BY name, id", [tenant])
            return (0..<rows.count).map {
                TagView(id: rows.string($0, 0) ?? "", name: rows.string($0, 1), color: rows.string($0, 2))
            }
        }
    }
}
