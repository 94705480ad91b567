import Foundation

/// Builds and commits batches: one write transaction on the log, synced, while `IndexWriter`
/// puts the batch's index entries, committed right after the log (never synced, see
/// `EventIndex`). A batch is open while requests keep arriving, so the writer validates and
/// writes early arrivals while later ones are still on their way. Used only by the writer thread.
///
/// The committer remembers the head and the streams it committed for as long as the log's last
/// transaction is its own. When another process (or a write outside the batches) committed in
/// between, it rereads the head and the index position and forgets the stream versions.
final class BatchCommitter {
    private let env: LMDBEnvironment
    private let dbs: LogDatabases
    private let index: EventIndex
    private let indexWriter: IndexWriter
    private let keyring: Keyring
    /// Sync new data keys before each commit (the store's `.fsync` durability).
    private let syncsKeys: Bool
    /// The last committed position.
    private(set) var head: UInt64
    private var lastRecordedAt: Int64
    /// The id of the log transaction `head` and `knownVersions` are true for.
    private var knownTransaction: Int
    /// Stream versions this process committed (a cache of the stream index, bounded).
    private var knownVersions: [StreamName: UInt64] = [:]
    private static let maxKnownVersions = 100_000
    /// The open batch: its two transactions with what has been written into them, and its
    /// requests.
    private var transaction: BatchTransaction?
    private var items: [PendingAppend] = []

    /// Reads the log's head and brings the index up to it.
    init(
        env: LMDBEnvironment, dbs: LogDatabases, index: EventIndex, keyring: Keyring, syncsKeys: Bool
    ) throws {
        self.syncsKeys = syncsKeys
        self.env = env
        self.dbs = dbs
        self.index = index
        self.keyring = keyring
        (knownTransaction, head, lastRecordedAt) = try Self.tail(of: env, dbs)
        // An index ahead of the log belongs to another history of it (a restored backup).
        if index.indexedThrough > head { try index.reset() }
        try index.catchUp(from: env, dbs, through: head)
        indexWriter = IndexWriter(index: index)
    }

    /// The last record's position and time, and the transaction they are true for: one read
    /// snapshot gives all three. (LMDB shows a new meta page to `mdb_env_info` a moment before it
    /// lets read transactions see it, so an id read apart from the snapshot can be newer.)
    private static func tail(of env: LMDBEnvironment, _ dbs: LogDatabases) throws -> (Int, UInt64, Int64) {
        try env.read { txn in
            try txn.withCursor(dbs.events) { cursor in
                guard let last = try cursor.last() else { return (txn.id, 0, 0) }
                let position = IndexKeys.bigEndianU64(last.key, at: 0)
                guard last.value.count > StoredRecord.recordedAtOffset + 8 else {
                    throw EventStoreError.corruptRecord(position: position, reason: "truncated record")
                }
                let time = last.value.loadUnaligned(
                    fromByteOffset: StoredRecord.recordedAtOffset, as: UInt64.self)
                return (txn.id, position, Int64(bitPattern: UInt64(littleEndian: time)))
            }
        }
    }

    /// Ends the index writer's thread; called once the last batch is committed.
    func stop() {
        indexWriter.stop()
    }

    /// Validates and writes one request into the open batch (opening one if needed) and sets
    /// its outcome; throws when the transactions fail, and then the whole batch is dropped.
    func add(_ item: PendingAppend) throws {
        items.append(item)
        try withMapRetry {
            if transaction == nil {
                try reopen()
            } else {
                item.outcome = try transaction!.apply(item)
            }
        }
    }

    /// Commits the open batch: the log (synced), with the index written meanwhile and committed
    /// after it.
    func commit() throws {
        defer { items.removeAll(keepingCapacity: true) }
        try withMapRetry {
            if transaction == nil { try reopen() }
            guard let open = transaction else { return }
            // The keys its events are sealed under are durable before the events are.
            if syncsKeys && open.changedAnything { try keyring.syncNewKeys() }
            try open.finish()
            transaction = nil
            index.env.abort(open.index)
            let indexing = !open.written.isEmpty
            let transactionId = open.txn.id
            if indexing { indexWriter.begin(open.written, through: open.next - 1) }
            do {
                try env.commit(open.txn)
            } catch {
                if indexing { _ = indexWriter.finish(logCommitted: false) }
                throw error
            }
            head = open.next - 1
            lastRecordedAt = open.recordedAt
            if open.changedAnything { knownTransaction = transactionId }
            if knownVersions.count + open.writtenVersions.count > Self.maxKnownVersions {
                knownVersions.removeAll()
            }
            knownVersions.merge(open.writtenVersions) { $1 }
            // The batch is durable whatever happens to the index now; a failed index commit is
            // caught up from the log before the next batch.
            if indexing && indexWriter.finish(logCommitted: true) {
                index.committed(through: head)
            }
        }
    }

    /// Drops the open batch, if any.
    func abort() {
        items.removeAll(keepingCapacity: true)
        abortOpen()
    }

    /// Opens the batch's transactions and writes every request taken so far into them: the
    /// first request of a batch, or all of them again after a map growth dropped the batch.
    private func reopen() throws {
        while true {
            if env.lastTransactionId != knownTransaction { try adoptForeignCommits() }
            // The index is behind if its commit failed after the log's: catch up first.
            if index.indexedThrough < head { try index.catchUp(from: env, dbs, through: head) }
            // The server clock may step back; recordedAt never does, so the log is ordered in time.
            let recordedAt = max(Int64(Date().timeIntervalSince1970 * 1000), lastRecordedAt)
            let indexTxn = try index.env.beginRead()
            let logTxn: LMDBTransaction
            do {
                logTxn = try env.beginWrite()
            } catch {
                index.env.abort(indexTxn)
                throw error
            }
            // Another process committed after the check: look again, now that it cannot.
            guard logTxn.id == knownTransaction + 1 else {
                env.abort(logTxn)
                index.env.abort(indexTxn)
                continue
            }
            transaction = BatchTransaction(
                txn: logTxn, dbs: dbs, index: indexTxn, indexDbs: index.dbs, keyring: keyring,
                knownVersions: knownVersions, next: head + 1, recordedAt: recordedAt)
            for item in items { item.outcome = try transaction!.apply(item) }
            return
        }
    }

    /// Another process appended to the log (or this one wrote to it outside a batch): reread
    /// what the committer remembers, from one snapshot. Whatever commits after it, the check on
    /// the batch's write transaction finds out.
    private func adoptForeignCommits() throws {
        (knownTransaction, head, lastRecordedAt) = try Self.tail(of: env, dbs)
        knownVersions.removeAll()
        try index.reload()
    }

    /// Runs `body`; when a map fills up (or another process grew it), drops the open batch's
    /// transactions, grows both maps and runs `body` again, which starts a fresh transaction.
    private func withMapRetry(_ body: () throws -> Void) throws {
        while true {
            do {
                return try body()
            } catch let error as EventStoreError where error.isMapFull || error.isMapResized {
                abortOpen()
                if error.isMapFull {
                    try env.grow()
                    try index.env.grow()
                } else {
                    try env.adoptForeignMapSize()
                    try index.env.adoptForeignMapSize()
                }
            } catch {
                abortOpen()
                throw error
            }
        }
    }

    private func abortOpen() {
        guard let open = transaction else { return }
        transaction = nil
        env.abort(open.txn)
        index.env.abort(open.index)
    }
}
