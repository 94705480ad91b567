import Foundation

/// Commits batches of pending appends: one write transaction on the log, synced, then one on
/// the index, which is never synced (see `EventIndex`). Used only by the writer thread.
final class BatchCommitter {
    private let env: LMDBEnvironment
    private let dbs: LogDatabases
    private let index: EventIndex
    private let keyring: Keyring
    /// The last committed position.
    private(set) var head: UInt64
    private var lastRecordedAt: Int64

    /// Reads the log's head and brings the index up to it.
    init(env: LMDBEnvironment, dbs: LogDatabases, index: EventIndex, keyring: Keyring) throws {
        self.env = env
        self.dbs = dbs
        self.index = index
        self.keyring = keyring
        (head, lastRecordedAt) = try env.read { txn in
            try txn.withCursor(dbs.events) { cursor in
                guard let last = try cursor.last() else { return (0, 0) }
                let position = IndexKeys.bigEndianU64(last.key, at: 0)
                guard last.value.count > StoredRecord.recordedAtOffset + 8 else {
                    throw EventStoreError.corruptRecord(position: position, reason: "truncated record")
                }
                let time = last.value.loadUnaligned(
                    fromByteOffset: StoredRecord.recordedAtOffset, as: UInt64.self)
                return (position, Int64(bitPattern: UInt64(littleEndian: time)))
            }
        }
        // An index ahead of the log belongs to another history of it (a restored backup).
        if index.indexedThrough > head { try index.reset() }
        try index.catchUp(from: env, dbs, through: head)
    }

    /// Sets every item's outcome; throws when the log transaction fails (nothing committed).
    func commit(_ batch: [PendingAppend]) throws {
        // The index missed a batch only if its commit failed after the log's: catch up first.
        if index.indexedThrough < head { try index.catchUp(from: env, dbs, through: head) }
        // The server clock may step back; recordedAt never does, so the log is ordered in time.
        let recordedAt = max(Int64(Date().timeIntervalSince1970 * 1000), lastRecordedAt)
        while true {
            do {
                try commitOnce(batch, recordedAt: recordedAt)
                lastRecordedAt = recordedAt
                return
            } catch let error as EventStoreError where error.isMapFull {
                try env.grow()
                try index.env.grow()
            } catch let error as EventStoreError where error.isMapResized {
                try env.adoptForeignMapSize()
                try index.env.adoptForeignMapSize()
            }
        }
    }

    private func commitOnce(_ batch: [PendingAppend], recordedAt: Int64) throws {
        let indexTxn = try index.env.beginWrite()
        let logTxn: LMDBTransaction
        do {
            logTxn = try env.beginWrite()
        } catch {
            index.env.abort(indexTxn)
            throw error
        }
        let newHead: UInt64
        do {
            var transaction = BatchTransaction(
                txn: logTxn, dbs: dbs, index: indexTxn, indexDbs: index.dbs, keyring: keyring,
                next: head + 1, recordedAt: recordedAt)
            for item in batch {
                item.outcome = try transaction.apply(item)
            }
            try transaction.finish()
            newHead = transaction.next - 1
        } catch {
            env.abort(logTxn)
            index.env.abort(indexTxn)
            throw error
        }
        do {
            try env.commit(logTxn)
        } catch {
            index.env.abort(indexTxn)
            throw error
        }
        head = newHead
        // The batch is durable whatever happens to the index now; a failed index commit is
        // caught up from the log before the next batch.
        if (try? index.env.commit(indexTxn)) != nil {
            index.committed(through: newHead)
        }
    }
}
