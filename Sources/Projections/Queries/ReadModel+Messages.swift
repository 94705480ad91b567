import Foundation

extension ReadModel {
    /// `GET /api/conversations/:id/messages`: up to `limit` messages in chronological order.
    /// `.latest` and `.before` return the newest messages older than the cursor; `hasMore` says
    /// older ones exist and `nextCursor` is the `before` value for them. `.after` returns the
    /// oldest messages newer than the cursor; `nextCursor` is then the `after` value for more.
    /// `nil` when the conversation is not this tenant's.
    public func messages(tenant: UUID, conversation: UUID, cursor: MessageCursor = .latest, limit: Int = 50)
        throws -> MessagePage?
    {
        try Self.checkLimit(limit)
        return try run { connection, s in
            let exists = try connection.queryPrepared(
                "SELECT 1 FROM \(s).conversations WHERE tenant_id = $1 AND id = $2", [tenant, conversation])
            guard exists.count == 1 else { return nil }
            var parameters: [any PostgresEncodable] = [tenant, conversation]
            var condition = ""
            var ascending = false
            switch cursor {
            case .latest:
                break
            case .before(let id), .after(let id):
                let anchor = try connection.queryPrepared(
                    "SELECT seq FROM \(s).messages WHERE conversation_id = $1 AND id = $2",
                    [conversation, id])
                guard anchor.count == 1, let seq = try anchor.int64(0, 0) else {
                    let field = cursor == .before(id) ? "before" : "after"
                    throw ReadModelError.invalidParameter(
                        field: field, reason: "no such message in this conversation")
                }
                parameters.append(seq)
                if case .after = cursor {
                    ascending = true
                    condition = " AND seq > $3"
                } else {
                    condition = " AND seq < $3"
                }
            }
            let rows = try connection.queryPrepared(
                "SELECT * FROM \(s).messages WHERE tenant_id = $1 AND conversation_id = $2\(condition)"
                    + " ORDER BY seq \(ascending ? "ASC" : "DESC") LIMIT \(limit + 1)", parameters)
            var messages: [MessageView] = []
            for row in 0..<min(rows.count, limit) { messages.append(try Self.message(rows, row)) }
            let hasMore = rows.count > limit
            if !ascending { messages.reverse() }
            let nextCursor = hasMore ? (ascending ? messages.last?.id : messages.first?.id) : nil
            return MessagePage(data: messages, hasMore: hasMore, nextCursor: nextCursor)
        }
    }

    /// One message by id (e.g. the view a send command returns); `nil` if not this tenant's.
    public func message(tenant: UUID, id: UUID) throws -> MessageView? {
        try run { connection, s in
            let rows = try connection.queryPrepared(
                "SELECT * FROM \(s).messages WHERE tenant_id = $1 AND id = $2", [tenant, id])
            return rows.count == 1 ? try Self.message(rows, 0) : nil
        }
    }

    /// `GET /api/messages/search`: Portuguese full-text search, newest first, `{data, count}`.
    public func searchMessages(tenant: UUID, query: String, conversation: UUID? = nil, limit: Int = 50)
        throws -> MessageSearchResult
    {
        let text = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw ReadModelError.invalidParameter(field: "query", reason: "must not be empty")
        }
        guard text.count <= 200 else {
            throw ReadModelError.invalidParameter(field: "query", reason: "must be at most 200 characters")
        }
        try Self.checkLimit(limit)
        return try run { connection, s in
            var parameters: [any PostgresEncodable] = [tenant, text]
            var condition = ""
            if let conversation {
                parameters.append(conversation)
                condition = " AND m.conversation_id = $3"
            }
            let rows = try connection.queryPrepared(
                """
                SELECT m.id, m.conversation_id, m.direction, m.type, m.content, m.timestamp,
                       c.contact_id, k.name AS contact_name, k.phone AS contact_phone
                FROM \(s).messages m JOIN \(s).conversations c ON c.id = m.conversation_id
                LEFT JOIN \(s).contacts k ON k.id = c.contact_id
                WHERE m.tenant_id = $1
                  AND \(ReadModelSchema.searchDocument("m.content")) @@ plainto_tsquery('portuguese', $2)
                  \(condition)
                ORDER BY m.timestamp DESC, m.seq DESC LIMIT \(limit)
                """, parameters)
            var hits: [MessageSearchHit] = []
            for row in 0..<rows.count {
                let conversationId = rows.string(row, "conversation_id") ?? ""
                hits.append(
                    MessageSearchHit(
                        id: rows.string(row, "id") ?? "", conversationId: conversationId,
                        direction: rows.string(row, "direction") ?? "", type: rows.string(row, "type") ?? "",
                        content: rows.string(row, "content"),
                        timestamp: Timestamp.format(milliseconds: try rows.requiredInt64(row, "timestamp")),
                        conversation: SearchConversation(
                            id: conversationId,
                            contact: SearchContact(
                                id: rows.string(row, "contact_id") ?? "",
                                name: rows.string(row, "contact_name"),
                                phoneNumber: rows.string(row, "contact_phone")))))
            }
            return MessageSearchResult(data: hits, count: hits.count)
        }
    }

    /// `GET /api/conversations/:id/stats`; `nil` when the conversation is not this tenant's.
    public func conversationStats(tenant: UUID, conversation: UUID) throws -> ConversationStats? {
        try run { connection, s in
            let exists = try connection.queryPrepared(
                "SELECT 1 FROM \(s).conversations WHERE tenant_id = $1 AND id = $2", [tenant, conversation])
            guard exists.count == 1 else { return nil }
            let rows = try connection.queryPrepared(
                """
                SELECT direction, status, count(*) FROM \(s).messages
                WHERE tenant_id = $1 AND conversation_id = $2 GROUP BY direction, status
                """, [tenant, conversation])
            var total = 0
            var byDirection: [String: Int] = ["INBOUND": 0, "OUTBOUND": 0]
            var byStatus: [String: Int] = [:]
            for row in 0..<rows.count {
                let count = Int(try rows.int64(row, 2) ?? 0)
                total += count
                byDirection[rows.string(row, 0) ?? "", default: 0] += count
                byStatus[rows.string(row, 1) ?? "", default: 0] += count
            }
            return ConversationStats(total: total, byDirection: byDirection, byStatus: byStatus)
        }
    }

    /// `GET /api/conversations/:id/transfers`, oldest first; `nil` when not this tenant's.
    public func transfers(tenant: UUID, conversation: UUID) throws -> [TransferView]? {
        try run { connection, s in
            let exists = try connection.queryPrepared(
                "SELECT 1 FROM \(s).conversations WHERE tenant_id = $1 AND id = $2", [tenant, conversation])
            guard exists.count == 1 else { return nil }
            let rows = try connection.queryPrepared(
                """
                SELECT t.*, fu.name AS from_user_name, tu.name AS to_user_name
                FROM \(s).transfers t
                LEFT JOIN \(s).users fu ON fu.id = t.from_user_id
                LEFT JOIN \(s).users tu ON tu.id = t.to_user_id
                WHERE t.tenant_id = $1 AND t.conversation_id = $2 ORDER BY t.position
                """, [tenant, conversation])
            return try (0..<rows.count).map { row in
                TransferView(
                    id: rows.string(row, "id") ?? "",
                    conversationId: rows.string(row, "conversation_id") ?? "",
                    fromUserId: rows.string(row, "from_user_id"),
                    fromUserName: rows.string(row, "from_user_name"),
                    toUserId: rows.string(row, "to_user_id"), toUserName: rows.string(row, "to_user_name"),
                    fromDepartmentId: rows.string(row, "from_department_id"),
                    toDepartmentId: rows.string(row, "to_department_id"), reason: rows.string(row, "reason"),
                    byUserId: rows.string(row, "by_user_id"),
                    createdAt: Timestamp.format(milliseconds: try rows.requiredInt64(row, "at")))
            }
        }
    }

    static func message(_ rows: QueryResult, _ row: Int) throws -> MessageView {
        let metadata = try rows.string(row, "metadata").map { try JSONValue.parse($0, column: "metadata") }
        return MessageView(
            id: rows.string(row, "id") ?? "", conversationId: rows.string(row, "conversation_id") ?? "",
            whatsappMessageId: rows.string(row, "wamid"), direction: rows.string(row, "direction") ?? "",
            type: rows.string(row, "type") ?? "", content: rows.string(row, "content"), metadata: metadata,
            status: rows.string(row, "status") ?? "", sentById: rows.string(row, "sent_by_id"),
            timestamp: Timestamp.format(milliseconds: try rows.requiredInt64(row, "timestamp")),
            createdAt: Timestamp.format(milliseconds: try rows.requiredInt64(row, "created_at")),
            sentAt: Timestamp.format(ifPresent: try rows.int64(row, "sent_at")),
            deliveredAt: Timestamp.format(ifPresent: try rows.int64(row, "delivered_at")),
            readAt: Timestamp.format(ifPresent: try rows.int64(row, "read_at")),
            failedAt: Timestamp.format(ifPresent: try rows.int64(row, "failed_at")),
            errorCode: try rows.int64(row, "error_code").map { Int($0) },
            errorTitle: rows.string(row, "error_title"))
    }
}
