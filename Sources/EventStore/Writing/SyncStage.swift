import Foundation

/// Acknowledges committed batches once they are on disk.
///
/// The environment runs with MDB_NOMETASYNC: a commit flushes its data pages and then writes
/// its meta page without a flush. This thread's `mdb_env_sync` flushes the meta pages of every
/// batch committed so far, while the writer already builds the next batch — the flush of one
/// batch overlaps the work on the next, and LMDB keeps its integrity guarantee.
final class SyncStage: @unchecked Sendable {  // queue state is guarded by `condition`
    private let condition = NSCondition()
    private var committed: [PendingAppend] = []
    private var committedHead: UInt64 = 0
    private var stopping = false
    private let env: LMDBEnvironment
    private let durableHead: DurableHead
    private let finished = DispatchSemaphore(value: 0)

    init(env: LMDBEnvironment, durableHead: DurableHead) {
        self.env = env
        self.durableHead = durableHead
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "event-store-sync"
        thread.start()
    }

    func hand(_ items: [PendingAppend], head: UInt64) {
        condition.lock()
        committed.append(contentsOf: items)
        committedHead = head
        condition.signal()
        condition.unlock()
    }

    /// Flushes and acknowledges everything handed so far, then ends the thread.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        finished.wait()
    }

    private func run() {
        while true {
            condition.lock()
            while committed.isEmpty && !stopping { condition.wait() }
            if committed.isEmpty {
                condition.unlock()
                break
            }
            let items = committed
            let head = committedHead
            committed.removeAll(keepingCapacity: true)
            condition.unlock()
            do {
                try env.sync()
                durableHead.publish(head)
            } catch let error as EventStoreError {
                for item in items { item.outcome = .failure(error) }
            } catch {
                preconditionFailure("env.sync throws only EventStoreError")
            }
            for item in items { item.finish() }
        }
        finished.signal()
    }
}
