import Foundation

/// Fills the tables of a fresh schema (created without keys or indexes) from rows folded in
/// memory, over several connections of its own so that PostgreSQL works on every core.
///
/// Each table is COPYed (a large one in parts, side by side), then gets its key index and
/// secondary indexes, then statistics; each step starts once what it needs is done, the
/// longest chain first (the messages' COPY and full-text index). The caller turns the key
/// indexes into primary keys afterwards.
struct BulkLoad {
    let schema: String
    let url: String
    let connections: Int

    private static let copyPrefix = "copy "

    /// A COPY part holds at least this many rows: smaller tables go in one piece, larger ones in
    /// up to one part per connection.
    private static let partRows = 10_000

    /// Session settings of the load's connections: sorts and GIN builds keep more in memory;
    /// commits need not wait for their WAL flush, because the switch that publishes the schema
    /// commits synchronously after them (an unfinished schema is dropped anyway).
    private static let setUp = ["SET maintenance_work_mem = '256MB'", "SET synchronous_commit = off"]

    /// Relative costs per row, measured on this workload: a COPYed row, a row's entry in a
    /// b-tree, in a full-text GIN index (the `to_tsvector` call dominates), in the statistics.
    private enum Cost {
        static let copy = 1.0
        static let btree = 0.25
        static let gin = 2.0
        static let analyze = 0.15
    }

    /// Runs the load; returns the rows COPYed. `copied` is called once every row is in (index
    /// builds may still be running).
    func run(_ state: ProjectionState, copied: @escaping @Sendable () -> Void) throws -> Int {
        var steps: [BulkStep] = []
        steps += tableSteps(state.tenants)
        steps += tableSteps(state.users)
        steps += tableSteps(state.departments)
        steps += tableSteps(state.tags)
        steps += tableSteps(state.contacts)
        steps += tableSteps(state.conversations)
        steps += tableSteps(state.messages)
        steps += tableSteps(state.transfers)
        steps += tableSteps(state.ratings)
        steps += tableSteps(state.replyTimes)
        let schedule = BulkSchedule(steps)
        schedule.whenDone(steps.filter { $0.name.hasPrefix(Self.copyPrefix) }.map(\.name), copied)
        return try schedule.run(url: url, connections: connections, setUp: Self.setUp)
    }

    /// COPY parts, key index, secondary indexes and statistics of one table.
    private func tableSteps<Row: ProjectedRow>(_ set: RowSet<Row>) -> [BulkStep] {
        let rows = set.rows
        let table = Row.table
        let count = Double(rows.count)
        let copies = copySteps(rows)
        let after = copies.map(\.name)
        var builds = [
            ddlStep(
                "key \(table)", after: after, cost: count * Cost.btree,
                ReadModelSchema.keyIndex(schema, table: table, key: Row.columns[0]))
        ]
        for (number, (indexed, statement)) in ReadModelSchema.indexes(schema).enumerated()
        where indexed == table {
            let cost = count * (statement.contains("USING gin") ? Cost.gin : Cost.btree)
            builds.append(ddlStep("index \(number) \(table)", after: after, cost: cost, statement))
        }
        // ANALYZE waits for the index builds anyway (its lock conflicts with theirs). Naming the
        // columns leaves out statistics on index expressions, which for the full-text index would
        // run `to_tsvector` over the whole sample again; they wait for autovacuum's next analysis.
        let analyze = ddlStep(
            "analyze \(table)", after: builds.map(\.name), cost: count * Cost.analyze,
            "ANALYZE \(schema).\(table) (\(Row.columns.joined(separator: ", ")))")
        return copies + builds + [analyze]
    }

    private func copySteps<Row: ProjectedRow>(_ rows: [Row]) -> [BulkStep] {
        guard !rows.isEmpty else { return [] }
        let parts = min(max(1, connections), max(1, rows.count / Self.partRows))
        let size = (rows.count + parts - 1) / parts
        let sql = "COPY \(schema).\(Row.table) (\(Row.columns.joined(separator: ", "))) FROM STDIN"
        return stride(from: 0, to: rows.count, by: size).enumerated().map { part, start in
            let slice = rows[start..<min(rows.count, start + size)]
            return BulkStep(
                name: "\(Self.copyPrefix)\(Row.table) \(part)", after: [],
                cost: Double(slice.count) * Cost.copy
            ) {
                connection in
                try connection.copyIn(sql) { writer in
                    for row in slice { try writer.row(row.fields) }
                }
            }
        }
    }

    private func ddlStep(_ name: String, after: [String], cost: Double, _ statement: String) -> BulkStep {
        BulkStep(name: name, after: after, cost: cost) { connection in
            try connection.execute(statement)
            return 0
        }
    }
}
