import Domain
import EventStore
import Foundation

/// Rebuilds the read model from the log without downtime.
///
/// A full rebuild fills a fresh schema in bulk mode (the log read and decoded ahead of the fold
/// on another thread, rows folded in memory, then COPYed and indexed over several connections
/// at once, keys and indexes built after the rows are in), catches up to the head, then switches `public.read_model_active` in
/// the same transaction as the last catch-up batch; the old schema serves until then and is
/// dropped afterwards. An interrupted rebuild drops its unfinished schema and leaves the live
/// one untouched.
public struct Rebuilder: Sendable {
    private let store: EventStore
    private let database: Database
    private let chunk: Int
    /// Arbitrary constant naming the advisory lock that allows one full rebuild at a time.
    private static let lockKey: Int64 = 0x4348_4C44_5242
    /// Reader threads of the load, then connections of the bulk load: one per core, so reading
    /// and decoding, then PostgreSQL's COPYs and index builds, run on all of them (at least
    /// two, so a long index build never holds up the rest).
    private static let loadConnections = min(8, max(2, ProcessInfo.processInfo.activeProcessorCount))

    public init(store: EventStore, database: Database, chunk: Int = 20_000) {
        self.store = store
        self.database = database
        self.chunk = max(1, chunk)
    }

    /// Rebuilds every read model into a new schema and switches to it.
    /// `interruptAfterLoad` exists so tests can prove an interrupted rebuild changes nothing.
    @discardableResult
    public func rebuildAll(
        progress: (@Sendable (RebuildProgress) -> Void)? = nil, interruptAfterLoad: Error? = nil
    ) throws -> RebuildReport {
        let started = Date()
        return try database.withConnection { connection in
            let locked = try connection.query("SELECT pg_try_advisory_lock($1)", [Self.lockKey])
            guard locked.string(0, 0) == "t" else {
                throw DatabaseError.server(sqlState: "55P03", message: "another rebuild is running")
            }
            defer { _ = try? connection.execute("SELECT pg_advisory_unlock($1)", [Self.lockKey]) }
            try dropOrphans(connection)
            let schema = try connection.transaction { tx -> String in
                let name = try Migrator.newSchemaName(tx)
                try ReadModelSchema.create(name, on: tx, withIndexes: false)
                return name
            }
            do {
                let (applied, copied, old) = try fill(
                    schema, on: connection, progress: progress, interruptAfterLoad: interruptAfterLoad)
                if let old, ReadModelSchema.isValidName(old) {
                    try connection.execute("DROP SCHEMA IF EXISTS \(old) CASCADE")
                }
                let report = RebuildReport(
                    schema: schema, replacedSchema: old, eventsApplied: applied, rowsCopied: copied,
                    seconds: Date().timeIntervalSince(started))
                progress?(RebuildProgress(phase: .done, position: 0, target: 0, eventsApplied: applied))
                return report
            } catch {
                // The live schema never saw this one; drop the unfinished copy.
                _ = try? connection.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
                throw error
            }
        }
    }

    /// Folds the log through `target` in memory and bulk-loads the rows into `schema`; returns
    /// the position reached, the events applied and the rows copied.
    private func loadInBulk(
        _ schema: String, through target: UInt64, progress: (@Sendable (RebuildProgress) -> Void)?,
        interruptAfterLoad: Error?
    ) throws -> (position: UInt64, applied: Int, copied: Int) {
        let state = ProjectionState()
        var position: UInt64 = 0
        var applied = 0
        let prefetcher = LogPrefetcher(
            store: store, from: 1, through: target, chunk: chunk, readers: Self.loadConnections)
        defer { prefetcher.stop() }
        while let next = try prefetcher.next() {
            for (recorded, event) in next.decoded { state.apply(event, recorded: recorded) }
            applied += next.count
            position = next.last
            progress?(
                RebuildProgress(phase: .loading, position: position, target: target, eventsApplied: applied))
        }
        if let interruptAfterLoad { throw interruptAfterLoad }
        progress?(
            RebuildProgress(phase: .copying, position: position, target: target, eventsApplied: applied))
        let load = BulkLoad(schema: schema, url: database.url, connections: Self.loadConnections)
        let copied = try load.run(state) { [position, applied] in
            progress?(
                RebuildProgress(phase: .indexing, position: position, target: target, eventsApplied: applied))
        }
        return (position, applied, copied)
    }

    private func fill(
        _ schema: String, on connection: Connection, progress: (@Sendable (RebuildProgress) -> Void)?,
        interruptAfterLoad: Error?
    ) throws -> (applied: Int, copied: Int, old: String?) {
        let target = try store.head()
        // The folded rows are released when `loadInBulk` returns, before the catch-up.
        let (position, loaded, copied) = try loadInBulk(
            schema, through: target, progress: progress, interruptAfterLoad: interruptAfterLoad)
        var applied = loaded
        try connection.transaction { tx in
            for (table, _) in ReadModelSchema.dataTables {
                try tx.execute(ReadModelSchema.keyConstraint(schema, table: table))
            }
            try ProjectionWriter(schema: schema, connection: tx).setCheckpoint(position)
        }
        // Catch up outside the switch first, so the switch transaction stays short.
        while true {
            let count = try connection.transaction { tx in try applyNext(schema, on: tx) }
            applied += count
            progress?(
                RebuildProgress(
                    phase: .catchingUp, position: position, target: target, eventsApplied: applied))
            if count < chunk { break }
        }
        progress?(
            RebuildProgress(phase: .switching, position: position, target: target, eventsApplied: applied))
        let old = try connection.transaction { tx -> String? in
            let current = try tx.query("SELECT schema_name FROM public.read_model_active FOR UPDATE")
            while try applyNext(schema, on: tx) > 0 {}
            try tx.execute(
                """
                INSERT INTO public.read_model_active (id, schema_name) VALUES (true, $1)
                ON CONFLICT (id) DO UPDATE SET schema_name = EXCLUDED.schema_name, switched_at = now()
                """, [schema])
            return current.count == 1 ? current.string(0, 0) : nil
        }
        return (applied, copied, old)
    }

    /// Applies the next events after `schema`'s checkpoint in incremental mode.
    private func applyNext(_ schema: String, on tx: Connection) throws -> Int {
        let writer = ProjectionWriter(schema: schema, connection: tx)
        let checkpoint = try writer.lockCheckpoint()
        let events = try store.read(from: checkpoint + 1, limit: chunk)
        guard let last = events.last else { return 0 }
        let state = ProjectionState()
        let decoded = EventDecoder.decode(events)
        try writer.load(decoded, into: state)
        for (recorded, event) in decoded { state.apply(event, recorded: recorded) }
        try writer.upsert(state)
        try writer.setCheckpoint(last.position)
        return events.count
    }

    /// Schemas of earlier rebuilds that were killed before their switch.
    private func dropOrphans(_ connection: Connection) throws {
        let rows = try connection.query(
            """
            SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm\\_v%'
              AND nspname <> (SELECT schema_name FROM public.read_model_active)
            """)
        for row in 0..<rows.count {
            if let name = rows.string(row, 0), ReadModelSchema.isValidName(name) {
                try connection.execute("DROP SCHEMA IF EXISTS \(name) CASCADE")
            }
        }
    }

    /// Rebuilds one tenant in the live schema: deletes its rows and replays its events (tenant
    /// index) up to the schema's checkpoint, in one transaction that holds the checkpoint lock
    /// so the projector waits meanwhile. A projection hold on the tenant is lifted with it.
    @discardableResult
    public func rebuildTenant(_ tenant: UUID, progress: (@Sendable (RebuildProgress) -> Void)? = nil) throws
        -> RebuildReport
    {
        let started = Date()
        return try database.transaction { tx in
            let schema = try ReadModel.activeSchema(on: tx, lock: true)
            let writer = ProjectionWriter(schema: schema, connection: tx)
            let checkpoint = try writer.lockCheckpoint()
            for (table, _) in ReadModelSchema.dataTables {
                try tx.execute("DELETE FROM \(schema).\(table) WHERE tenant_id = $1", [tenant])
            }
            // Rebuilt from the log, the tenant is whole again: lift a projection hold.
            try writer.release(tenant)
            let state = ProjectionState()
            var position: UInt64 = 0
            var applied = 0
            reading: while true {
                let events = try store.readTenant(tenant, from: position + 1, limit: chunk)
                guard !events.isEmpty else { break }
                for (recorded, event) in EventDecoder.decode(events) {
                    if recorded.position > checkpoint { break reading }
                    state.apply(event, recorded: recorded)
                    applied += 1
                }
                position = events.last!.position
                progress?(
                    RebuildProgress(
                        phase: .loading, position: position, target: checkpoint, eventsApplied: applied))
                if position >= checkpoint { break }
            }
            try writer.upsert(state)
            progress?(
                RebuildProgress(
                    phase: .done, position: checkpoint, target: checkpoint, eventsApplied: applied))
            return RebuildReport(
                schema: schema, replacedSchema: nil, eventsApplied: applied, rowsCopied: 0,
                seconds: Date().timeIntervalSince(started))
        }
    }
}
