import Foundation

/// Wakes the callers of committed batches on its own thread, so the writer starts the next
/// batch (and its fsync) while the previous batch's callers are being woken.
final class AcknowledgementStage: @unchecked Sendable {  // queue state is guarded by `condition`
    private let condition = NSCondition()
    private var committed: [([PendingAppend], UInt64)] = []
    private var stopping = false
    private let durableHead: DurableHead

    init(durableHead: DurableHead) {
        self.durableHead = durableHead
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "event-store-acks"
        thread.start()
    }

    /// Hands over a durable batch; `head` is the log head once it was committed.
    func acknowledge(_ items: [PendingAppend], head: UInt64) {
        condition.lock()
        committed.append((items, head))
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once everything handed over is acknowledged. It does not wait: the
    /// store may be released from a completion running on this very thread.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
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
    }
}
