import Foundation

/// Writes a batch's index entries on a thread of its own while the writer commits the batch to
/// the log. The log's commit mostly waits for the disk, so the entries cost the writer thread
/// nothing. The index transaction commits only once the log's did, so the index is never ahead
/// of the log. The writer thread alone calls `begin` and then `finish`, one batch at a time.
final class IndexWriter: @unchecked Sendable {  // the job's state is guarded by `condition`
    /// A record of the batch as stored (with its hash) and its position.
    struct Entry {
        let position: UInt64
        let stored: [UInt8]
    }

    private enum LogOutcome {
        case committed
        case failed
    }

    private let condition = NSCondition()
    private let index: EventIndex
    private var job: (entries: [Entry], through: UInt64)?
    private var logOutcome: LogOutcome?
    /// Set when the job is done: whether the index committed through the job's position.
    private var indexed: Bool?
    private var stopping = false
    private let ended = DispatchSemaphore(value: 0)

    init(index: EventIndex) {
        self.index = index
        let thread = Thread { [self] in run() }
        thread.name = "event-store-indexer"
        thread.start()
    }

    /// Starts indexing `entries`, the records of the batch being committed through `through`.
    func begin(_ entries: [Entry], through: UInt64) {
        condition.lock()
        precondition(job == nil, "one batch at a time")
        job = (entries, through)
        logOutcome = nil
        indexed = nil
        condition.broadcast()
        condition.unlock()
    }

    /// Tells whether the log committed the batch and waits for the index: true when it
    /// committed the batch's entries, false when it dropped them (the log failed, or the index
    /// did, and is caught up from the log before the next batch).
    func finish(logCommitted: Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        logOutcome = logCommitted ? .committed : .failed
        condition.broadcast()
        while indexed == nil { condition.wait() }
        job = nil
        return indexed!
    }

    /// Ends the thread; no batch may be in progress.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        ended.wait()
    }

    private func run() {
        while let (entries, through) = nextJob() {
            let txn = try? index.env.beginWrite()
            var written = txn != nil
            if let txn {
                do {
                    for entry in entries {
                        try entry.stored.withUnsafeBytes { stored in
                            try EventIndex.add(
                                RecordLayout(RecordLayout.recordPart(of: stored), at: entry.position), txn,
                                index.dbs)
                        }
                    }
                    try EventIndex.setIndexedThrough(through, txn, index.dbs)
                } catch {
                    written = false
                }
            }
            let commit = written && waitForLog() == .committed
            var committed = false
            if let txn {
                if commit {
                    committed = (try? index.env.commit(txn)) != nil
                } else {
                    index.env.abort(txn)
                }
            }
            condition.lock()
            indexed = committed
            condition.broadcast()
            condition.unlock()
        }
        ended.signal()
    }

    private func nextJob() -> (entries: [Entry], through: UInt64)? {
        condition.lock()
        defer { condition.unlock() }
        while (job == nil || indexed != nil) && !stopping { condition.wait() }
        return stopping ? nil : job
    }

    private func waitForLog() -> LogOutcome {
        condition.lock()
        defer { condition.unlock() }
        while logOutcome == nil { condition.wait() }
        return logOutcome!
    }
}
