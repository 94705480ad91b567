import CLMDB
import Foundation

/// The log's secondary indexes (event ids, streams, tenants; the tenant index answers time
/// queries too) in an LMDB environment of their own, under `index/` in the store directory.
///
/// Every entry is derived from a record of the log, so the index is never synced: `IndexWriter`
/// puts a batch's entries while the log's commit syncs and commits them right after it, at the
/// cost of memory writes only. What a crash can cost is caught up from the log: after a crash of
/// the process the index is intact but may miss the last batch; after a crash of the machine it
/// is rebuilt (see `IndexState`).
final class EventIndex: @unchecked Sendable {  // `indexedThrough` is the writer thread's alone
    /// Format 2 dropped the time index: the tenant index is in time order too.
    static let format: UInt32 = 2
    private static let logIdKey = Array("log-id".utf8)
    private static let formatKey = Array("format".utf8)
    private static let indexedThroughKey = Array("indexed-through".utf8)
    /// Events indexed per transaction while catching up.
    private static let catchUpChunk = 20_000

    let env: LMDBEnvironment
    let dbs: IndexDatabases
    private let logId: [UInt8]
    /// The last position whose entries are committed to the index.
    private(set) var indexedThrough: UInt64

    /// Opens the index at `path`; `discard` deletes its files first (they may be torn).
    /// An index of another log or another format is emptied.
    init(path: String, mapSize: Int, logId: [UInt8], discard: Bool) throws {
        if discard {
            for file in ["data.mdb", "lock.mdb"] {
                try? FileManager.default.removeItem(atPath: path + "/" + file)
            }
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw EventStoreError.invalidField(
                field: "path", reason: "cannot create index directory: \(error)")
        }
        env = try LMDBEnvironment(
            path: path, mapSize: mapSize, flags: MDB_WRITEMAP | MDB_NOSYNC | MDB_MAPASYNC)
        do {
            (dbs, indexedThrough) = try env.write { txn in
                let dbs = try IndexDatabases(txn)
                let format = withUnsafeBytes(of: Self.format.littleEndian) { Array($0) }
                let belongs =
                    try txn.get(dbs.meta, Self.logIdKey).map { $0.elementsEqual(logId) } == true
                    && txn.get(dbs.meta, Self.formatKey).map { $0.elementsEqual(format) } == true
                if belongs, let stored = try txn.get(dbs.meta, Self.indexedThroughKey), stored.count == 8 {
                    return (dbs, IndexKeys.littleEndianU64(stored))
                }
                try Self.clear(txn, dbs, logId: logId)
                return (dbs, 0)
            }
        } catch {
            env.close()
            throw error
        }
        self.logId = logId
    }

    /// Empties the index, to be rebuilt from the log.
    func reset() throws {
        try env.write { txn in try Self.clear(txn, dbs, logId: logId) }
        indexedThrough = 0
    }

    private static func clear(_ txn: LMDBTransaction, _ dbs: IndexDatabases, logId: [UInt8]) throws {
        for dbi in [dbs.eventIds, dbs.streamIndex, dbs.tenantIndex, dbs.meta] {
            try txn.empty(dbi)
        }
        try txn.dropDatabase(named: "time-index")
        try txn.put(dbs.meta, logIdKey, logId)
        try txn.put(dbs.meta, formatKey, withUnsafeBytes(of: format.littleEndian) { Array($0) })
        try setIndexedThrough(0, txn, dbs)
    }

    /// Puts the entries of one stored record (without its hash).
    static func add(_ record: RecordLayout, _ txn: LMDBTransaction, _ dbs: IndexDatabases) throws {
        let position = IndexKeys.littleEndian(record.position)
        try position.withUnsafeBytes { position in
            try txn.put(dbs.eventIds, record.idBytes, position)
            try IndexKeys.stream(record.bytes(record.stream), version: record.streamVersion).withUnsafeBytes {
                try txn.put(dbs.streamIndex, $0, position)
            }
        }
        try txn.put(
            dbs.tenantIndex, IndexKeys.tenant(record.tenantBytes, position: record.position),
            withUnsafeBytes(of: UInt64(bitPattern: record.recordedAt).littleEndian) { Array($0) })
    }

    static func setIndexedThrough(_ position: UInt64, _ txn: LMDBTransaction, _ dbs: IndexDatabases) throws {
        try txn.put(dbs.meta, indexedThroughKey, IndexKeys.littleEndian(position))
    }

    /// The last indexed position as of the transaction's snapshot.
    static func indexedThrough(_ txn: LMDBTransaction, _ dbs: IndexDatabases) throws -> UInt64 {
        guard let stored = try txn.get(dbs.meta, indexedThroughKey), stored.count == 8 else { return 0 }
        return IndexKeys.littleEndianU64(stored)
    }

    /// Rereads the indexed position, which another process writing to the log moves too.
    func reload() throws {
        indexedThrough = try env.read { txn in try Self.indexedThrough(txn, dbs) }
    }

    /// Called once the transaction that indexed through `position` committed.
    func committed(through position: UInt64) {
        indexedThrough = position
    }

    /// Indexes the log's records after `indexedThrough` up to `head`.
    func catchUp(from log: LMDBEnvironment, _ logDbs: LogDatabases, through head: UInt64) throws {
        while indexedThrough < head {
            let last = try log.read { logTxn in
                try env.write { txn in
                    try logTxn.withCursor(logDbs.events) { cursor in
                        var last = indexedThrough
                        var entry = try cursor.seek(atLeast: IndexKeys.position(indexedThrough + 1))
                        while let current = entry, last < head, last - indexedThrough < Self.catchUpChunk {
                            let position = IndexKeys.bigEndianU64(current.key, at: 0)
                            let record = try RecordLayout(
                                RecordLayout.recordPart(of: current.value), at: position)
                            guard position == last + 1, record.position == position else {
                                throw EventStoreError.corruptRecord(
                                    position: position, reason: "cannot be indexed after position \(last)")
                            }
                            try Self.add(record, txn, dbs)
                            last = position
                            entry = try cursor.next()
                        }
                        guard last > indexedThrough else {
                            throw EventStoreError.corruptRecord(
                                position: indexedThrough + 1, reason: "missing below the head \(head)")
                        }
                        try Self.setIndexedThrough(last, txn, dbs)
                        return last
                    }
                }
            }
            indexedThrough = last
        }
    }

    /// Flushes the index, so the next open may trust it without rebuilding.
    func sync() throws {
        try env.sync()
    }

    func close() {
        env.close()
    }
}
