import Foundation

/// What 64 blocking writer threads can reach through a group commit that does no work of its
/// own: one committer thread takes everything queued, puts each payload once and commits with
/// fsync (as the raw loop does), and an acknowledgement thread wakes the writers while the next
/// batch commits. No validation, record encoding, hash chain or index. A store built on group
/// commit of blocking callers cannot go faster on the same machine, so `tools/bench append`
/// prints it beside the store's figure.
enum GroupCommitCeiling {
    static func run(path: String, payloads: [[UInt8]], writers: Int) throws -> Double {
        let log = try RawLMDB(path: path)
        let queued = Handoff()
        let acknowledged = Handoff()
        let committer = Thread {
            var position: UInt64 = 0
            while position < UInt64(payloads.count) {
                let batch = queued.takeAll()
                do {
                    try log.commit(batch.lazy.map(\.payload), after: position)
                } catch {
                    FileHandle.standardError.write(Data("ceiling commit failed: \(error)\n".utf8))
                    exit(1)
                }
                position += UInt64(batch.count)
                acknowledged.put(batch)
            }
        }
        let waker = Thread {
            var woken = 0
            while woken < payloads.count {
                let batch = acknowledged.takeAll()
                for item in batch { item.done.signal() }
                woken += batch.count
            }
        }
        committer.start()
        waker.start()
        let perWriter = payloads.count / writers
        let start = BenchSupport.now()
        BenchSupport.onThreads(writers) { writer in
            let done = DispatchSemaphore(value: 0)
            for index in writer * perWriter..<(writer + 1) * perWriter {
                queued.put([Handoff.Item(payload: payloads[index], done: done)])
                done.wait()
            }
        }
        return BenchSupport.now() - start
    }

    /// A queue between threads: `put` appends and wakes the taker, `takeAll` waits for items
    /// and takes them all.
    final class Handoff: @unchecked Sendable {  // `items` is guarded by `condition`
        struct Item {
            let payload: [UInt8]
            let done: DispatchSemaphore
        }

        private let condition = NSCondition()
        private var items: [Item] = []

        func put(_ new: [Item]) {
            condition.lock()
            items.append(contentsOf: new)
            condition.signal()
            condition.unlock()
        }

        func takeAll() -> [Item] {
            condition.lock()
            defer { condition.unlock() }
            while items.isEmpty { condition.wait() }
            let taken = items
            items.removeAll(keepingCapacity: true)
            return taken
        }
    }
}
