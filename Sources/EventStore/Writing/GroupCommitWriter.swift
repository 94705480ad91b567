import Foundation

/// Queues concurrent appends for the single writer thread, which commits everything pending in
/// one write transaction (group commit).
final class GroupCommitWriter: @unchecked Sendable {  // queue: `condition`; committer: writer thread
    private let condition = NSCondition()
    private var pending: [PendingAppend] = []
    private var stopping = false
    /// How long the writer waits for a batch as large as the previous one (1 ms, well under one
    /// fsync here): callers acknowledged together usually append again together, and committing
    /// the first arrival alone would spend a whole fsync on it.
    private let gatherWindow = 0.001
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

    /// Commits what is pending, then ends the writer and acknowledgement threads.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        finished.wait()
        acknowledgements.waitUntilDrained()
    }

    /// Takes pending requests holding at most `room` events (the first one always, when the
    /// batch is empty); waits for one until `deadline` (forever when nil). Nil when nothing came.
    private func take(room: Int, until deadline: Date?) -> [PendingAppend]? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty && !stopping {
            if let deadline {
                if !condition.wait(until: deadline) { break }
            } else {
                condition.wait()
            }
        }
        var events = 0
        var count = 0
        while count < pending.count
            && (events + pending[count].eventCount <= room || (count == 0 && deadline == nil))
        {
            events += pending[count].eventCount
            count += 1
        }
        if count == 0 { return nil }
        let taken = Array(pending[0..<count])
        pending.removeFirst(count)
        return taken
    }

    /// One batch: requests are validated and written as they arrive, until as many came as in
    /// the previous batch (callers acknowledged together usually append again together), the
    /// gather window ran out, or the batch is full; then it commits.
    private func run() {
        var lastBatchSize = 0
        while let first = take(room: maxBatch, until: nil) {
            var batch: [PendingAppend] = []
            batch.reserveCapacity(max(lastBatchSize, first.count))
            var events = 0
            do {
                var arrived: [PendingAppend]? = first
                let deadline = Date(timeIntervalSinceNow: gatherWindow)
                while let items = arrived {
                    for item in items {
                        batch.append(item)
                        events += item.eventCount
                        try committer.add(item)
                    }
                    guard batch.count < lastBatchSize, events < maxBatch else { break }
                    arrived = take(room: maxBatch - events, until: deadline)
                }
                try committer.commit()
            } catch let error as EventStoreError {
                committer.abort()
                for item in batch { item.outcome = .failure(error) }
            } catch {
                preconditionFailure("the committer throws only EventStoreError")
            }
            lastBatchSize = batch.count
            acknowledgements.acknowledge(batch, head: committer.head)
        }
        committer.stop()
        acknowledgements.stop()
        finished.signal()
    }
}
