import EventStore
import Foundation
import Projections

/// `rebuild`: full rebuild of every read model from a generated 1 000 000-event log (50
/// tenants, 20 000 conversations), against a plain COPY of the resulting message rows into
/// an unindexed table, measured in the same run.
///
/// `BENCH_LOG=<dir>` keeps the generated log in `<dir>` and reuses it on the next run with the
/// same size (generating the full log takes minutes; it is not part of the timed rebuild).
enum RebuildBench {
    static func run() throws {
        let conversations = Int(ProcessInfo.processInfo.environment["BENCH_CONVERSATIONS"] ?? "") ?? 20_000
        let baseURL = try BenchDatabase.baseURL()
        let kept = ProcessInfo.processInfo.environment["BENCH_LOG"]
        let storePath = try kept ?? BenchSupport.temporaryDirectory("rebuild")
        defer { if kept == nil { try? FileManager.default.removeItem(atPath: storePath) } }
        let store = try BenchLog.openOrGenerate(
            at: storePath, conversations: conversations, reuse: kept != nil)
        let events = try store.head()
        try BenchDatabase.with(baseURL: baseURL, name: "chatledger_bench_rebuild") { database in
            try Migrator(database: database).migrate()
            let start = BenchSupport.now()
            let phases = PhaseClock(start: start)
            let report = try Rebuilder(store: store, database: database).rebuildAll {
                phases.enter($0.phase.rawValue)
            }
            let seconds = BenchSupport.now() - start
            let (rows, copySeconds) = try copyMessages(schema: report.schema, database: database)
            let rate = Double(events) / seconds
            let copyRate = Double(rows) / copySeconds
            BenchSupport.report([
                ("bench", "rebuild"), ("events", Int(events)), ("seconds", seconds),
                ("events_per_s", rate.rounded()),
                ("copy_rows_per_s", copyRate.rounded()), ("ratio", rate / copyRate), ("message_rows", rows),
                ("rows_copied", report.rowsCopied), ("phase_seconds", phases.summary),
            ])
        }
    }

    /// Reads the rebuilt message rows, then times COPYing them into an unindexed table.
    private static func copyMessages(schema: String, database: Database) throws -> (Int, Double) {
        try database.withConnection { connection in
            let columns =
                try connection.query(
                    """
                    SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
                    WHERE table_schema = $1 AND table_name = 'messages'
                    """, [schema]
                ).string(0, 0) ?? ""
            let result = try connection.query("SELECT \(columns) FROM \(schema).messages")
            let width = columns.split(separator: ",").count
            var rows: [[String?]] = []
            rows.reserveCapacity(result.count)
            for row in 0..<result.count { rows.append((0..<width).map { result.string(row, $0) }) }
            try connection.execute("DROP TABLE IF EXISTS public.bench_copy_probe")
            try connection.execute("CREATE TABLE public.bench_copy_probe (LIKE \(schema).messages)")
            defer { _ = try? connection.execute("DROP TABLE IF EXISTS public.bench_copy_probe") }
            let start = BenchSupport.now()
            let copied = try connection.copyIn("COPY public.bench_copy_probe (\(columns)) FROM STDIN") {
                writer in
                for row in rows { try writer.row(row) }
            }
            return (copied, BenchSupport.now() - start)
        }
    }
}

/// Seconds spent in each rebuild phase, from the progress callback.
final class PhaseClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = "loading"
    private var since: Double
    private var spent: [(String, Double)] = []

    init(start: Double) {
        since = start
    }

    func enter(_ phase: String) {
        lock.lock()
        defer { lock.unlock() }
        guard phase != current else { return }
        let now = BenchSupport.now()
        spent.append((current, now - since))
        current = phase
        since = now
    }

    /// `"loading=1.2 copying=0.8 …"`.
    var summary: String {
        lock.lock()
        defer { lock.unlock() }
        return spent.map { "\($0.0)=\((($0.1) * 100).rounded() / 100)" }.joined(separator: " ")
    }
}
