import Foundation

/// Wakes the callers of committed batches on its own thread, so the writer starts the next batch
/// while the previous one is being acknowledged. Every completion runs here, refused requests'
/// too, so a completion that releases the store never runs on the writer thread that releasing
/// it waits for. A batch handed over is already durable: its commit synced it.
final class AcknowledgementStage: @unchecked Sendable {  // queue state is guarded by `condition`
    private let condition = NSCondition()
    private var committed: [([PendingAppend], UInt64)] = []
    private var stopping = false
    private var thread: Thread?
    private let drained = DispatchSemaphore(value: 0)
    private let durableHead: DurableHead

    init(durableHead: DurableHead) {
        self.durableHead = durableHead
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
            for (items, head) in batches {
                durableHead.publish(head)
                for item in items { item.finish() }
            }
        }
        drained.signal()
    }
}
