import CLMDB

/// A cursor lent to a closure by `LMDBTransaction.withCursor`.
struct LMDBCursor {
    typealias Entry = (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)

    let handle: OpaquePointer

    /// Positions at the first key >= `key`.
    func seek(atLeast key: [UInt8]) throws -> Entry? {
        try key.withUnsafeBytes { key in
            var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
            return try step(MDB_SET_RANGE, &k)
        }
    }

    func next() throws -> Entry? {
        var k = MDB_val()
        return try step(MDB_NEXT, &k)
    }

    func previous() throws -> Entry? {
        var k = MDB_val()
        return try step(MDB_PREV, &k)
    }

    func last() throws -> Entry? {
        var k = MDB_val()
        return try step(MDB_LAST, &k)
    }

    private func step(_ op: MDB_cursor_op, _ key: inout MDB_val) throws -> Entry? {
        var v = MDB_val()
        let code = mdb_cursor_get(handle, &key, &v, op)
        if code == MDB_NOTFOUND { return nil }
        try lmdbCheck(code, "mdb_cursor_get")
        return (
            UnsafeRawBufferPointer(start: key.mv_data, count: key.mv_size),
            UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size)
        )
    }
}
