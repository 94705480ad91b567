import Foundation

/// What the log's `meta` database says about the index environment: the log id the index must
/// carry, and whether the index was closed cleanly (synced) or is open under some boot.
enum IndexState {
    private static let logIdKey = Array("log-id".utf8)
    private static let stateKey = Array("index-state".utf8)
    private static let clean = Array("clean".utf8)

    /// The log's random 16-byte id, created with the log.
    static func logId(_ txn: LMDBTransaction, _ dbs: LogDatabases) throws -> [UInt8] {
        if let stored = try txn.get(dbs.meta, logIdKey) { return Array(stored) }
        let id = IndexKeys.uuid(UUID())
        try txn.put(dbs.meta, logIdKey, id)
        return id
    }

    /// True when the index's pages can be trusted: it was synced and closed cleanly, or it was
    /// left open by a process of this same boot, whose unsynced pages are still in the page cache.
    /// A machine crash may have torn unsynced pages, so then the index is rebuilt from the log.
    static func indexTrusted(_ txn: LMDBTransaction, _ dbs: LogDatabases) throws -> Bool {
        guard let stored = try txn.get(dbs.meta, stateKey) else { return false }
        return stored.elementsEqual(clean) || stored.elementsEqual(openState)
    }

    /// Records, before the index is written, that it is open under this boot.
    static func markOpen(_ txn: LMDBTransaction, _ dbs: LogDatabases) throws {
        try txn.put(dbs.meta, stateKey, openState)
    }

    /// Records that the index was synced and closed.
    static func markClean(_ txn: LMDBTransaction, _ dbs: LogDatabases) throws {
        try txn.put(dbs.meta, stateKey, clean)
    }

    private static var openState: [UInt8] {
        Array("open \(BootID.current)".utf8)
    }
}
