import CLMDB

/// The named LMDB databases of the log.
struct Databases: Sendable {
    /// position (BE u64) → canonical record ‖ chain hash.
    let events: MDB_dbi
    /// event id (16 bytes) → position (LE u64).
    let eventIds: MDB_dbi
    /// stream key (u16 length ‖ name ‖ BE version) → position (LE u64); the last key of a
    /// stream gives its version, so appends touch one stream page, not two.
    let streamIndex: MDB_dbi
    /// tenant ‖ position (BE) → recordedAt (LE i64).
    let tenantIndex: MDB_dbi
    /// tenant ‖ recordedAt (ordered BE) ‖ position (BE) → empty.
    let timeIndex: MDB_dbi
    /// tenant → last chain hash (32 bytes).
    let tenantHeads: MDB_dbi
    /// unique key → stream name.
    let uniqueKeys: MDB_dbi
    /// format version and other store-wide values.
    let meta: MDB_dbi

    init(_ txn: LMDBTransaction) throws {
        events = try txn.openDatabase("events")
        eventIds = try txn.openDatabase("event-ids")
        streamIndex = try txn.openDatabase("stream-index")
        tenantIndex = try txn.openDatabase("tenant-index")
        timeIndex = try txn.openDatabase("time-index")
        tenantHeads = try txn.openDatabase("tenant-heads")
        uniqueKeys = try txn.openDatabase("unique-keys")
        meta = try txn.openDatabase("meta")
    }
}
