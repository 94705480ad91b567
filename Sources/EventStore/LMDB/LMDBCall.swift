import CLMDB

/// Turns an LMDB return code into `EventStoreError.lmdb` naming the C function.
@inline(__always)
func lmdbCheck(_ code: Int32, _ function: String) throws {
    if code != 0 {
        throw lmdbError(code, function)
    }
}

func lmdbError(_ code: Int32, _ function: String) -> EventStoreError {
    .lmdb(function: function, code: code, message: String(cString: mdb_strerror(code)))
}

extension EventStoreError {
    /// True for the error LMDB returns when the map is full; the writer grows the map and retries.
    var isMapFull: Bool {
        if case .lmdb(_, let code, _) = self { return code == MDB_MAP_FULL }
        return false
    }

    var isMapResized: Bool {
        if case .lmdb(_, let code, _) = self { return code == MDB_MAP_RESIZED }
        return false
    }
}
