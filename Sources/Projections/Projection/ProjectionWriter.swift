import Domain
import Foundation

/// Moves `ProjectionState` rows between PostgreSQL and memory for one schema.
struct ProjectionWriter {
    let schema: String
    let connection: Connection

    // MARK: loading (incremental mode)

    /// Loads the existing rows the events will touch, one query per table.
    func load(_ events: [(EventOrigin, DomainEvent)], into state: ProjectionState) throws {
        var keys = RowKeys()
        for (recorded, event) in events { keys.collect(event, tenant: recorded.tenant) }
        try load(keys.tenants, into: &state.tenants)
        try load(keys.users, into: &state.users)
        try load(keys.departments, into: &state.departments)
        try load(keys.contacts, into: &state.contacts)
        try load(keys.conversations, into: &state.conversations)
        try load(keys.messages, into: &state.messages)
        try load(keys.ratings, into: &state.ratings)
        try load(keys.transfers, into: &state.transfers)
    }

    private func load<Row: ProjectedRow>(_ keys: Set<UUID>, into set: inout RowSet<Row>) throws {
        let wanted = keys.filter { !set.contains($0) && !set.missing.contains($0) }
        guard !wanted.isEmpty else { return }
        let result = try connection.queryPrepared(
            "SELECT \(Row.columns.joined(separator: ", ")) FROM \(schema).\(Row.table)"
                + " WHERE \(Row.columns[0]) = ANY($1::uuid[])", [PostgresArray(Array(wanted))])
        var found = Set<UUID>()
        for row in 0..<result.count {
            let loaded = try Row(result, row)
            set.load(loaded)
            found.insert(loaded.key)
        }
        set.missing.formUnion(wanted.subtracting(found))
    }

    // MARK: writing

    /// Upserts every changed row with multi-row statements, then erases what erased contacts
    /// left in rows that were not in memory.
    func upsert(_ state: ProjectionState) throws {
        try upsert(state.tenants)
        try upsert(state.users)
        try upsert(state.departments)
        try upsert(state.tags)
        try upsert(state.contacts)
        try upsert(state.conversations)
        try upsert(state.messages)
        try upsert(state.transfers)
        try upsert(state.ratings)
        try upsert(state.replyTimes)
        try eraseInDatabase(state.erasedContacts)
    }

    private func upsert<Row: ProjectedRow>(_ set: RowSet<Row>) throws {
        let rows = set.dirtyRows
        guard !rows.isEmpty else { return }
        let columns = Row.columns
        let update = columns.dropFirst().map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        // PostgreSQL allows 65 535 parameters per statement.
        let perStatement = max(1, 60_000 / columns.count)
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            var values: [String] = []
            var parameters: [any PostgresEncodable] = []
            parameters.reserveCapacity(chunk.count * columns.count)
            for row in chunk {
                let base = parameters.count
                values.append("(" + (1...columns.count).map { "$\(base + $0)" }.joined(separator: ",") + ")")
                for field in row.fields { parameters.append(field) }
            }
            try connection.execute(
                "INSERT INTO \(schema).\(Row.table) (\(columns.joined(separator: ", "))) VALUES "
                    + values.joined(separator: ",") + " ON CONFLICT (\(columns[0])) DO UPDATE SET \(update)",
                parameters)
            start += perStatement
        }
    }

    /// Erases a contact's personal data from rows that were written before the erasure.
    private func eraseInDatabase(_ contacts: [UUID]) throws {
        let s = schema
        let marker = ProjectionState.erasedMarker
        for contact in contacts {
            try connection.execute(
                "UPDATE \(s).contacts SET phone = $2, name = $2, erased = true WHERE id = $1",
                [contact, marker])
            try connection.execute(
                """
                UPDATE \(s).messages m SET content = $2, metadata = NULL
                FROM \(s).conversations c WHERE c.id = m.conversation_id AND c.contact_id = $1
                """, [contact, marker])
            try connection.execute(
                """
                UPDATE \(s).conversations SET
                  last_message_content = CASE WHEN last_message_id IS NULL THEN NULL ELSE $2 END,
                  rating_comment = CASE WHEN rating IS NULL THEN NULL ELSE $2 END
                WHERE contact_id = $1
                """, [contact, marker])
            try connection.execute(
                """
                UPDATE \(s).transfers t SET reason = $2
                FROM \(s).conversations c WHERE c.id = t.conversation_id AND c.contact_id = $1
                """, [contact, marker])
            try connection.execute(
                """
                UPDATE \(s).ratings r SET comment = $2
                FROM \(s).conversations c
                WHERE c.id = r.conversation_id AND c.contact_id = $1
                """, [contact, marker])
        }
    }

    // MARK: checkpoint

    func checkpoint() throws -> UInt64 {
        let result = try connection.query("SELECT position FROM \(schema).checkpoint")
        return UInt64(try result.int64(0, 0) ?? 0)
    }

    /// Reads the checkpoint and locks it until the transaction ends, so a projector and a
    /// tenant rebuild never write the same schema at once.
    func lockCheckpoint() throws -> UInt64 {
        let result = try connection.query("SELECT position FROM \(schema).checkpoint FOR UPDATE")
        return UInt64(try result.int64(0, 0) ?? 0)
    }

    // MARK: holds

    /// The tenants held out of the projection.
    func holds() throws -> [ProjectionHold] {
        let rows = try connection.query(
            "SELECT tenant_id, position, error, attempts FROM \(schema).projection_holds ORDER BY position")
        var holds: [ProjectionHold] = []
        for row in 0..<rows.count {
            guard let tenant = rows.string(row, "tenant_id").flatMap(UUID.init(uuidString:)) else { continue }
            holds.append(
                ProjectionHold(
                    tenant: tenant, position: UInt64(try rows.int64(row, "position") ?? 0),
                    error: rows.string(row, "error") ?? "",
                    attempts: Int(try rows.int64(row, "attempts") ?? 0)))
        }
        return holds
    }

    /// Holds `tenant` from `position` on (a tenant already held keeps its first position).
    func hold(_ tenant: UUID, from position: UInt64, error: String) throws {
        try connection.execute(
            """
            INSERT INTO \(schema).projection_holds (tenant_id, position, error, attempts) VALUES ($1, $2, $3, 1)
            ON CONFLICT (tenant_id) DO UPDATE SET error = EXCLUDED.error,
                attempts = \(schema).projection_holds.attempts + 1
            """, [tenant, Int64(position), error])
    }

    /// Counts a failed retry of a held tenant.
    func recordHoldFailure(_ tenant: UUID, error: String) throws {
        try connection.execute(
            "UPDATE \(schema).projection_holds SET error = $2, attempts = attempts + 1 WHERE tenant_id = $1",
            [tenant, error])
    }

    /// Lifts the hold of `tenant` (its rows were just rebuilt).
    func release(_ tenant: UUID) throws {
        try connection.execute("DELETE FROM \(schema).projection_holds WHERE tenant_id = $1", [tenant])
    }

    func setCheckpoint(_ position: UInt64) throws {
        try connection.execute("UPDATE \(schema).checkpoint SET position = $1", [Int64(position)])
    }
}
