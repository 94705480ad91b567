import CLMDB

/// The named databases of the index environment; every entry is derived from the log's records.
struct IndexDatabases: Sendable {
    /// event id (16 bytes) → position (LE u64).
    let eventIds: MDB_dbi
    /// stream key (u16 length ‖ name ‖ BE version) → position (LE u64); the last key of a
    /// stream gives its version.
    let streamIndex: MDB_dbi
    /// tenant ‖ position (BE) → recordedAt (LE i64).
    let tenantIndex: MDB_dbi
    /// the log id, the index format and the last indexed position.
    let meta: MDB_dbi

    init(_ txn: LMDBTransaction) throws {
        eventIds = try txn.openDatabase("event-ids")
        streamIndex = try txn.openDatabase("stream-index")
        tenantIndex = try txn.openDatabase("tenant-index")
        meta = try txn.openDatabase("meta")
    }
}
