import Foundation

extension ReadModel {
    /// `GET /api/conversations`: newest activity first, `{data, pagination}`.
    public func conversations(tenant: UUID, filter: ConversationFilter) throws -> Page<ConversationListItem> {
        try filter.validate()
        return try run { connection, s in
            let (condition, parameters) = filter.whereClause(schema: s, tenant: tenant)
            let checkpoint = "(SELECT position FROM \(s).checkpoint)"
            let offset = (filter.page - 1) * filter.limit
            // The page carries the checkpoint position of its snapshot: a total counted at that
            // position is exact for it, and counting is the part that grows with the tenant.
            let rows = try connection.queryPrepared(
                Self.conversationSelect(s, extraColumns: ", \(checkpoint) AS read_position")
                    + " WHERE \(condition)"
                    + " ORDER BY c.last_message_at DESC NULLS LAST, c.id DESC"
                    + " LIMIT \(filter.limit) OFFSET \(offset)", parameters)
            let key = ConversationCounts.key(schema: s, condition: condition, parameters: parameters)
            let total: Int
            if rows.count == 0, filter.page == 1 {
                total = 0
            } else if rows.count > 0, let position = try rows.int64(0, "read_position"),
                let known = conversationCounts.total(for: key, at: position)
            {
                total = known
            } else {
                let counted = try connection.queryPrepared(
                    "SELECT count(*), \(checkpoint) FROM \(s).conversations c WHERE \(condition)", parameters)
                total = Int(try counted.int64(0, 0) ?? 0)
                if let position = try counted.int64(0, 1) {
                    conversationCounts.store(total, for: key, at: position)
                }
            }
            let tags = try Self.tags(for: rows, schema: s, on: connection)
            var items: [ConversationListItem] = []
            items.reserveCapacity(rows.count)
            for row in 0..<rows.count {
                let detail = try Self.detail(rows, row, tags: tags)
                items.append(
                    detail.showing(
                        ContactSummary(
                            id: detail.contact.id, phoneNumber: detail.contact.phoneNumber,
                            name: detail.contact.name, profilePictureUrl: nil)))
            }
            let pages = total == 0 ? 0 : (total + filter.limit - 1) / filter.limit
            return Page(
                data: items,
                pagination: Pagination(page: filter.page, limit: filter.limit, total: total, pages: pages))
        }
    }

    /// `GET /api/conversations/:id`; `nil` when the conversation is not this tenant's.
    public func conversation(tenant: UUID, id: UUID) throws -> ConversationDetail? {
        try run { connection, s in
            let rows = try connection.queryPrepared(
                Self.conversationSelect(s) + " WHERE c.tenant_id = $1 AND c.id = $2", [tenant, id])
            guard rows.count == 1 else { return nil }
            return try Self.detail(rows, 0, tags: try Self.tags(for: rows, schema: s, on: connection))
        }
    }

    static func conversationSelect(_ s: String, extraColumns: String = "") -> String {
        """
        SELECT c.*, u.name AS agent_name, u.email AS agent_email, d.name AS department_name,
               d.color AS department_color, k.created_at AS contact_created_at,
               k.name AS contact_name, k.phone AS contact_phone\(extraColumns)
        FROM \(s).conversations c
        LEFT JOIN \(s).users u ON u.id = c.assigned_to_id
        LEFT JOIN \(s).departments d ON d.id = c.department_id
        LEFT JOIN \(s).contacts k ON k.id = c.contact_id
        """
    }

    static func tags(for rows: QueryResult, schema s: String, on connection: Connection) throws -> [String:
        TagView]
    {
        var ids = Set<String>()
        for row in 0..<rows.count { ids.formUnion(rows.array(row, "tag_ids")) }
        guard !ids.isEmpty else { return [:] }
        let found = try connection.queryPrepared(
            "SELECT id, name, color FROM \(s).tags WHERE id = ANY($1::uuid[])", [PostgresArray(Array(ids))])
        var tags: [String: TagView] = [:]
        for row in 0..<found.count {
            let id = found.string(row, 0) ?? ""
            tags[id] = TagView(id: id, name: found.string(row, 1), color: found.string(row, 2))
        }
        return tags
    }

    static func detail(_ rows: QueryResult, _ row: Int, tags: [String: TagView]) throws -> ConversationDetail
    {
        let id = rows.string(row, "id") ?? ""
        let contactId = rows.string(row, "contact_id") ?? ""
        let assignedToId = rows.string(row, "assigned_to_id")
        let departmentId = rows.string(row, "department_id")
        var lastMessage: LastMessageView?
        if let messageId = rows.string(row, "last_message_id") {
            lastMessage = LastMessageView(
                id: messageId, content: rows.string(row, "last_message_content"),
                direction: rows.string(row, "last_message_direction") ?? "",
                type: rows.string(row, "last_message_type") ?? "",
                timestamp: Timestamp.format(milliseconds: try rows.requiredInt64(row, "last_message_at")))
        }
        var rating: RatingView?
        if let score = try rows.int64(row, "rating") {
            rating = RatingView(score: Int(score), comment: rows.string(row, "rating_comment"))
        }
        return ConversationDetail(
            id: id, tenantId: rows.string(row, "tenant_id") ?? "", contactId: contactId,
            contact: ContactDetail(
                id: contactId, phoneNumber: rows.string(row, "contact_phone"),
                name: rows.string(row, "contact_name"), email: nil, profilePictureUrl: nil,
                createdAt: Timestamp.format(ifPresent: try rows.int64(row, "contact_created_at"))),
            status: rows.string(row, "status") ?? "", priority: rows.string(row, "priority") ?? "",
            assignedToId: assignedToId,
            assignedTo: assignedToId.map {
                AgentSummary(
                    id: $0, name: rows.string(row, "agent_name"), email: rows.string(row, "agent_email"))
            },
            departmentId: departmentId,
            department: departmentId.map {
                DepartmentSummary(
                    id: $0, name: rows.string(row, "department_name"),
                    color: rows.string(row, "department_color"))
            },
            tags: rows.array(row, "tag_ids").compactMap { tags[$0] },
            lastMessageAt: Timestamp.format(ifPresent: try rows.int64(row, "last_message_at")),
            closedAt: Timestamp.format(ifPresent: try rows.int64(row, "closed_at")), lastMessage: lastMessage,
            unreadCount: Int(try rows.int64(row, "unread_count") ?? 0),
            createdAt: Timestamp.format(milliseconds: try rows.requiredInt64(row, "created_at")),
            rating: rating)
    }
}
