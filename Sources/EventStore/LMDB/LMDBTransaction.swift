import CLMDB

/// A transaction lent to a closure; it is committed or aborted when the closure returns.
/// Buffers it hands out point into the map and are valid only until then.
struct LMDBTransaction {
    let handle: OpaquePointer

    /// The transaction's id: a read transaction's is its snapshot's, a write transaction's the last
    /// committed one's plus one.
    var id: Int { mdb_txn_id(handle) }

    func get(_ dbi: MDB_dbi, _ key: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer? {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val()
        let code = mdb_get(handle, dbi, &k, &v)
        if code == MDB_NOTFOUND { return nil }
        try lmdbCheck(code, "mdb_get")
        return UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size)
    }

    func get(_ dbi: MDB_dbi, _ key: [UInt8]) throws -> UnsafeRawBufferPointer? {
        try key.withUnsafeBytes { try get(dbi, $0) }
    }

    func put(
        _ dbi: MDB_dbi, _ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer, flags: Int32 = 0
    ) throws {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        try lmdbCheck(mdb_put(handle, dbi, &k, &v, UInt32(flags)), "mdb_put")
    }

    func put(_ dbi: MDB_dbi, _ key: [UInt8], _ value: [UInt8], flags: Int32 = 0) throws {
        try key.withUnsafeBytes { k in
            try value.withUnsafeBytes { v in try put(dbi, k, v, flags: flags) }
        }
    }

    /// Deletes the key; returns false when it was absent.
    @discardableResult
    func delete(_ dbi: MDB_dbi, _ key: [UInt8]) throws -> Bool {
        try key.withUnsafeBytes { key in
            var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
            let code = mdb_del(handle, dbi, &k, nil)
            if code == MDB_NOTFOUND { return false }
            try lmdbCheck(code, "mdb_del")
            return true
        }
    }

    func openDatabase(_ name: String) throws -> MDB_dbi {
        var dbi: MDB_dbi = 0
        try lmdbCheck(mdb_dbi_open(handle, name, UInt32(MDB_CREATE), &dbi), "mdb_dbi_open")
        return dbi
    }

    /// Lends a cursor to `body` and closes it afterwards.
    func withCursor<T>(_ dbi: MDB_dbi, _ body: (LMDBCursor) throws -> T) throws -> T {
        var cursor: OpaquePointer?
        try lmdbCheck(mdb_cursor_open(handle, dbi, &cursor), "mdb_cursor_open")
        defer { mdb_cursor_close(cursor) }
        return try body(LMDBCursor(handle: cursor!))
    }
}

extension LMDBTransaction {
    /// Deletes every entry of the database, keeping the database.
    func empty(_ dbi: MDB_dbi) throws {
        try lmdbCheck(mdb_drop(handle, dbi, 0), "mdb_drop")
    }

    /// Deletes the named database when it exists.
    func dropDatabase(named name: String) throws {
        var dbi: MDB_dbi = 0
        let code = mdb_dbi_open(handle, name, 0, &dbi)
        if code == MDB_NOTFOUND { return }
        try lmdbCheck(code, "mdb_dbi_open")
        try lmdbCheck(mdb_drop(handle, dbi, 1), "mdb_drop")
    }
}
