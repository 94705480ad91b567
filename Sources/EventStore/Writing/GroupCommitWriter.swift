import Foundation

/// Queues concurrent appends for the single writer thread, which commits everything pending in
/// one write transaction (group commit).
final class GroupCommitWriter: @unchecked Sendable {  // queue: `condition`; committer: writer thread
    private let condition = NSCondition()
    private var pending: [PendingAppend] = []
    private var stopping = false
    /// Submissions wake the writer once this many requests are pending.
    private var wakeAt = 1
    /// How many requests the previous batch held.
    private var lastBatchSize = 0
    /// How long the writer waits for a batch as large as the previous one (1 ms, well under one
    /// fsync here): callers acknowledged together usually append again together, and committing
    /// the first arrival alone would spend a whole fsync on it.
    private let gatherWindow = 0.001
    private let committer: BatchCommitter
    private let acknowledgements: AcknowledgementStage
    private let durableHead: DurableHead
    private let maxBatch: Int
    private let finished = DispatchSemaphore(value: 0)

    init(
        committer: BatchCommitter, durableHead: DurableHead, maxBatch: Int, sync: (() throws -> Void)?
    ) {
        self.committer = committer
        self.durableHead = durableHead
        acknowledgements = AcknowledgementStage(durableHead: durableHead, sync: sync)
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
        if pending.count >= wakeAt { condition.signal() }
        condition.unlock()
    }

    /// Commits what is pending, then ends the writer and acknowledgement threads.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        finished.wait()
        acknowledgements.waitUntilDrained()
    }

    private func nextBatch() -> [PendingAppend]? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty && !stopping { condition.wait() }
        if pending.isEmpty { return nil }
        if pending.count < lastBatchSize && !stopping {
            wakeAt = lastBatchSize
            let deadline = Date(timeIntervalSinceNow: gatherWindow)
            while pending.count < lastBatchSize && !stopping && condition.wait(until: deadline) {}
            wakeAt = 1
        }
        var events = 0
        var count = 0
        while count < pending.count && (count == 0 || events + pending[count].eventCount <= maxBatch) {
            events += pending[count].eventCount
            count += 1
        }
        let batch = Array(pending[0..<count])
        pending.removeFirst(count)
        lastBatchSize = count
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
            durableHead.committed(committer.head)
            acknowledgements.acknowledge(written, head: committer.head)
        }
        acknowledgements.stop()
        finished.signal()
    }
}
