import Foundation

/// Commits batches of pending appends, one LMDB write transaction per batch.
/// Used only by the writer thread.
final class BatchCommitter {
    private let env: LMDBEnvironment
    private let dbs: Databases
    private let keyring: Keyring
    /// The last committed position.
    private(set) var head: UInt64
    private var lastRecordedAt: Int64

    init(env: LMDBEnvironment, dbs: Databases, keyring: Keyring) throws {
        self.env = env
        self.dbs = dbs
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
    }

    /// Sets every item's outcome; throws when the transaction itself fails (nothing committed).
    func commit(_ batch: [PendingAppend]) throws {
        // The server clock may step back; recordedAt never does, so the log is ordered in time.
        let recordedAt = max(Int64(Date().timeIntervalSince1970 * 1000), lastRecordedAt)
        let newHead = try env.write { txn in
            var transaction = BatchTransaction(
                txn: txn, dbs: dbs, keyring: keyring, next: head + 1, recordedAt: recordedAt)
            for item in batch {
                item.outcome = try transaction.apply(item)
            }
            try transaction.finish()
            return transaction.next - 1
        }
        head = newHead
        lastRecordedAt = recordedAt
    }
}
