import Foundation

/// Makes committed batches durable and wakes their callers, on its own thread, so the writer
/// starts the next batch while the previous one is being synced and acknowledged. Every
/// completion runs here, refused requests' too, so a completion that releases the store never
/// runs on the writer thread that releasing it waits for.
///
/// The log commits with LMDB's MDB_NOMETASYNC: a commit syncs its data pages, and its meta page
/// (which makes the commit the current state) is synced here. One sync covers every batch
/// handed over since the previous one; a batch is acknowledged only after it.
final class AcknowledgementStage: @unchecked Sendable {  // queue state is guarded by `condition`
    private let condition = NSCondition()
    private var committed: [([PendingAppend], UInt64)] = []
    private var stopping = false
    private var thread: Thread?
    private let drained = DispatchSemaphore(value: 0)
    private let durableHead: DurableHead
    /// Flushes the log's committed pages; nil when the store runs with `.noSync`.
    private let sync: (() throws -> Void)?

    init(durableHead: DurableHead, sync: (() throws -> Void)?) {
        self.durableHead = durableHead
        self.sync = sync
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "event-store-acks"
        self.thread = thread
        thread.start()
    }

    /// Hands over a finished batch, whose requests carry their outcomes; `head` is the log head
    /// once it was committed.
    func acknowledge(_ items: [PendingAppend], head: UInt64) {
        condition.lock()
        committed.append((items, head))
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once everything handed over is acknowledged.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    /// Waits until the thread ended, unless called on it: the store may be released from a
    /// completion running on this very thread, and what is left then fails as closed.
    func waitUntilDrained() {
        if Thread.current === thread { return }
        drained.wait()
    }

    private func run() {
        while true {
            condition.lock()
            while committed.isEmpty && !stopping { condition.wait() }
            if committed.isEmpty {
                condition.unlock()
                break
            }
            let batches = committed
            committed.removeAll(keepingCapacity: true)
            condition.unlock()
            let wroteAny = batches.contains { items, _ in
                items.contains { if case .success = $0.outcome { true } else { false } }
            }
            do {
                if wroteAny { try sync?() }
            } catch {
                // Committed but maybe not durable: the callers are told it failed; appending the
                // same event ids again is answered from the log without writing twice.
                let failure =
                    (error as? EventStoreError)
                    ?? .lmdb(function: "mdb_env_sync", code: -1, message: "\(error)")
                for (items, _) in batches {
                    for item in items {
                        if case .success = item.outcome { item.outcome = .failure(failure) }
                        item.finish()
                    }
                }
                continue
            }
            for (items, head) in batches {
                if wroteAny { durableHead.publish(head) }
                for item in items { item.finish() }
            }
        }
        drained.signal()
    }
}
