import Foundation

/// Queues concurrent appends for the single writer thread, which commits everything pending in
/// one write transaction (group commit).
final class GroupCommitWriter: @unchecked Sendable {  // queue: `condition`; committer: writer thread
    private let condition = NSCondition()
    private var pending: [PendingAppend] = []
    private var stopping = false
    private let committer: BatchCommitter
    private let acknowledgements: AcknowledgementStage
    private let maxBatch: Int
    private let finished = DispatchSemaphore(value: 0)

    init(committer: BatchCommitter, durableHead: DurableHead, maxBatch: Int) {
        self.committer = committer
        acknowledgements = AcknowledgementStage(durableHead: durableHead)
        self.maxBatch = max(1, maxBatch)
    }

    func start() {
        acknowledgements.start()
        let thread = Thread { [self] in run() }
        thread.name = "event-store-writer"
        thread.start()
    }

    func submit(_ item: PendingAppend) {
        condition.lock()
        if stopping {
            condition.unlock()
            item.outcome = .failure(.closed)
            item.finish()
            return
        }
        pending.append(item)
        condition.signal()
        condition.unlock()
    }

    /// Commits what is pending, then ends the writer and sync threads.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        finished.wait()
    }

    private func nextBatch() -> [PendingAppend]? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty && !stopping { condition.wait() }
        if pending.isEmpty { return nil }
        var events = 0
        var count = 0
        while count < pending.count && (count == 0 || events + pending[count].eventCount <= maxBatch) {
            events += pending[count].eventCount
            count += 1
        }
        let batch = Array(pending[0..<count])
        pending.removeFirst(count)
        return batch
    }

    private func run() {
        while let batch = nextBatch() {
            do {
                try committer.commit(batch)
            } catch let error as EventStoreError {
                for item in batch { item.outcome = .failure(error) }
            } catch {
                preconditionFailure("commit throws only EventStoreError")
            }
            var written: [PendingAppend] = []
            written.reserveCapacity(batch.count)
            for item in batch {
                if case .success = item.outcome { written.append(item) } else { item.finish() }
            }
            if written.isEmpty { continue }
            // The commit returned after its flush (unless the store runs with `.noSync`).
            acknowledgements.acknowledge(written, head: committer.head)
        }
        acknowledgements.stop()
        finished.signal()
    }
}
