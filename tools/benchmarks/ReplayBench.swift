import Domain
import EventStore
import Foundation

/// `replay`: read and decode every event of a generated log (the log of the `rebuild`
/// bench), pages read and decoded on every core at once. `BENCH_LOG=<dir>` reuses the log kept
/// there, as `rebuild` does.
enum ReplayBench {
    static let pageSize = 2048

    static func run() throws {
        let conversations = Int(ProcessInfo.processInfo.environment["BENCH_CONVERSATIONS"] ?? "") ?? 20_000
        let kept = ProcessInfo.processInfo.environment["BENCH_LOG"]
        let storePath = try kept ?? BenchSupport.temporaryDirectory("replay")
        defer { if kept == nil { try? FileManager.default.removeItem(atPath: storePath) } }
        let store = try BenchLog.openOrGenerate(
            at: storePath, conversations: conversations, reuse: kept != nil)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let head = try store.head()

        let read = Counter()
        let decoded = Counter()
        let start = BenchSupport.now()
        try store.readConcurrently(from: 1, through: head, pageSize: pageSize, threads: cores) { page in
            var ok = 0
            for index in page.indices {
                var personal: [UInt8]?
                if case .clear(let bytes) = page[index].personal { personal = bytes }
                do {
                    _ = try DomainCodec.decode(
                        type: page[index].type, payload: page[index].payload, personal: personal)
                    ok += 1
                } catch {
                    // Counted by `decoded` falling short of `events`.
                }
            }
            read.add(page.count)
            decoded.add(ok)
        }
        let seconds = BenchSupport.now() - start

        // The same reads without decoding, to show how the time splits.
        let readOnly = Counter()
        let readStart = BenchSupport.now()
        try store.readConcurrently(from: 1, through: head, pageSize: pageSize, threads: cores) { page in
            readOnly.add(page.count)
        }
        let readSeconds = BenchSupport.now() - readStart
        BenchSupport.report([
            ("bench", "replay"), ("events", read.value), ("decoded", decoded.value), ("threads", cores),
            ("seconds", seconds), ("events_per_s", (Double(read.value) / seconds).rounded()),
            ("read_only_seconds", readSeconds),
            ("read_only_events_per_s", (Double(readOnly.value) / readSeconds).rounded()),
        ])
    }
}

/// A thread-safe tally.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0

    func add(_ n: Int) {
        lock.lock()
        total += n
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return total
    }
}
