import CLMDB

/// The named databases of the log environment: what must survive a crash, synced on commit.
struct LogDatabases: Sendable {
    /// position (BE u64) → canonical record ‖ chain hash.
    let events: MDB_dbi
    /// tenant → last chain hash (32 bytes).
    let tenantHeads: MDB_dbi
    /// unique key → stream name.
    let uniqueKeys: MDB_dbi
    /// format version, log id and index state.
    let meta: MDB_dbi

    /// Databases of format 1, when the indexes lived in the log; dropped on upgrade.
    static let formerIndexes = ["event-ids", "stream-index", "tenant-index", "time-index"]

    init(_ txn: LMDBTransaction) throws {
        events = try txn.openDatabase("events")
        tenantHeads = try txn.openDatabase("tenant-heads")
        uniqueKeys = try txn.openDatabase("unique-keys")
        meta = try txn.openDatabase("meta")
    }
}
