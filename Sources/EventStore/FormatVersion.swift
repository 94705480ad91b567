import CLMDB

/// The on-disk format version, kept in the `meta` database.
/// Format 1 kept the indexes in the log environment; format 2 keeps them in `index/`.
enum FormatVersion {
    static let current: UInt32 = 2
    private static let key = Array("format-version".utf8)

    /// Records the current version in a new store, upgrades a store of format 1 (its indexes are
    /// dropped and rebuilt from the records in the index environment), refuses a newer one.
    static func check(_ txn: LMDBTransaction, _ dbs: LogDatabases) throws {
        guard let stored = try txn.get(dbs.meta, key) else {
            try write(current, txn, dbs)
            return
        }
        guard stored.count == 4 else {
            throw EventStoreError.corruptRecord(position: 0, reason: "format version record")
        }
        let found = UInt32(littleEndian: stored.loadUnaligned(as: UInt32.self))
        if found > current {
            throw EventStoreError.unsupportedFormat(found: found, supported: current)
        }
        if found == 1 {
            for name in LogDatabases.formerIndexes { try txn.dropDatabase(named: name) }
            try write(current, txn, dbs)
        }
    }

    static func write(_ version: UInt32, _ txn: LMDBTransaction, _ dbs: LogDatabases) throws {
        try txn.put(dbs.meta, key, withUnsafeBytes(of: version.littleEndian) { Array($0) })
    }

    /// Rewrites the version of a closed store, as a newer release would leave it.
    static func overwrite(path: String, with version: UInt32) throws {
        let env = try LMDBEnvironment(path: path, mapSize: 1 << 20, flags: 0)
        defer { env.close() }
        try env.write { txn in try write(version, txn, LogDatabases(txn)) }
    }
}
