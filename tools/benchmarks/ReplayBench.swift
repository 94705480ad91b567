import Domain
import EventStore
import Foundation

/// `replay`: read and decode every event of a generated log (the log of the `rebuild`
/// bench), decoding on every core.
enum ReplayBench {
    static func run() throws {
        let conversations = Int(ProcessInfo.processInfo.environment["BENCH_CONVERSATIONS"] ?? "") ?? 20_000
        let storePath = try BenchSupport.temporaryDirectory("replay")
        defer { try? FileManager.default.removeItem(atPath: storePath) }
        let store = try BenchLog.generate(path: storePath, tenants: 50, conversations: conversations)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let decoded = Counter()
        let start = BenchSupport.now()
        var position: UInt64 = 0
        var total = 0
        var reading = 0.0
        while true {
            let readStart = BenchSupport.now()
            let events = try store.read(from: position + 1, limit: 20_000)
            reading += BenchSupport.now() - readStart
            guard let last = events.last else { break }
            let perSlice = (events.count + cores - 1) / cores
            DispatchQueue.concurrentPerform(iterations: cores) { slice in
                var ok = 0
                for index in (slice * perSlice)..<min(events.count, (slice + 1) * perSlice) {
                    let event = events[index]
                    var personal: [UInt8]?
                    if case .clear(let bytes) = event.personal { personal = bytes }
                    if (try? DomainCodec.decode(type: event.type, payload: event.payload, personal: personal))
                        != nil
                    {
                        ok += 1
                    }
                }
                decoded.add(ok)
            }
            total += events.count
            position = last.position
        }
        let seconds = BenchSupport.now() - start
        BenchSupport.report([
            ("bench", "replay"), ("events", total), ("decoded", decoded.value), ("seconds", seconds),
            ("events_per_s", (Double(total) / seconds).rounded()), ("read_seconds", reading),
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
