import CLMDB
import Foundation

/// An open LMDB environment.
/// Safe to share: it is opened with MDB_NOTLS so read transactions may run on any thread, write
/// transactions run on the writer thread only, and map resizes wait for every transaction to end.
final class LMDBEnvironment: @unchecked Sendable {
    let handle: OpaquePointer
    private let gate = TransactionGate()
    private let closeLock = NSLock()
    private var isClosed = false

    init(path: String, mapSize: Int, flags: Int32) throws {
        var env: OpaquePointer?
        try lmdbCheck(mdb_env_create(&env), "mdb_env_create")
        do {
            try lmdbCheck(mdb_env_set_maxdbs(env, 16), "mdb_env_set_maxdbs")
            try lmdbCheck(mdb_env_set_maxreaders(env, 1024), "mdb_env_set_maxreaders")
            try lmdbCheck(mdb_env_set_mapsize(env, mapSize), "mdb_env_set_mapsize")
            try lmdbCheck(mdb_env_open(env, path, UInt32(flags | MDB_NOTLS), 0o600), "mdb_env_open")
            var stale: Int32 = 0
            try lmdbCheck(mdb_reader_check(env, &stale), "mdb_reader_check")
        } catch {
            mdb_env_close(env)
            throw error
        }
        handle = env!
    }

    deinit { close() }

    /// Closes the environment; callers guarantee no transaction is running.
    func close() {
        closeLock.lock()
        defer { closeLock.unlock() }
        if !isClosed {
            isClosed = true
            mdb_env_close(handle)
        }
    }

    /// Runs `body` in a read-only snapshot; copy bytes out before returning.
    func read<T>(_ body: (LMDBTransaction) throws -> T) throws -> T {
        while true {
            gate.enter()
            var txn: OpaquePointer?
            let code = mdb_txn_begin(handle, nil, UInt32(MDB_RDONLY), &txn)
            if code != 0 {
                gate.leave()
                if code == MDB_MAP_RESIZED {
                    try adoptForeignMapSize()
                    continue
                }
                throw lmdbError(code, "mdb_txn_begin")
            }
            defer {
                mdb_txn_abort(txn)
                gate.leave()
            }
            return try body(LMDBTransaction(handle: txn!))
        }
    }

    /// Runs `body` in a write transaction and commits it; aborts when `body` throws.
    /// On MDB_MAP_FULL the map is doubled and `body` runs again from scratch.
    func write<T>(_ body: (LMDBTransaction) throws -> T) throws -> T {
        while true {
            do {
                return try writeOnce(body)
            } catch let error as EventStoreError where error.isMapFull {
                try grow()
            } catch let error as EventStoreError where error.isMapResized {
                try adoptForeignMapSize()
            }
        }
    }

    private func writeOnce<T>(_ body: (LMDBTransaction) throws -> T) throws -> T {
        let txn = try beginWrite()
        let result: T
        do {
            result = try body(txn)
        } catch {
            abort(txn)
            throw error
        }
        try commit(txn)
        return result
    }

    /// Begins a write transaction that the caller must end with `commit` or `abort`; for
    /// writes that outlive one call (a batch). Only the writer and index writer threads write.
    func beginWrite() throws -> LMDBTransaction {
        gate.enter()
        var txn: OpaquePointer?
        let code = mdb_txn_begin(handle, nil, 0, &txn)
        if code != 0 {
            gate.leave()
            throw lmdbError(code, "mdb_txn_begin")
        }
        return LMDBTransaction(handle: txn!)
    }

    /// Begins a read transaction that the caller must end with `abort`; for a snapshot held
    /// across calls (the writer's view of the index during a batch).
    func beginRead() throws -> LMDBTransaction {
        gate.enter()
        var txn: OpaquePointer?
        let code = mdb_txn_begin(handle, nil, UInt32(MDB_RDONLY), &txn)
        if code != 0 {
            gate.leave()
            throw lmdbError(code, "mdb_txn_begin")
        }
        return LMDBTransaction(handle: txn!)
    }

    func commit(_ txn: LMDBTransaction) throws {
        defer { gate.leave() }
        try lmdbCheck(mdb_txn_commit(txn.handle), "mdb_txn_commit")
    }

    func abort(_ txn: LMDBTransaction) {
        mdb_txn_abort(txn.handle)
        gate.leave()
    }

    /// Flushes committed data and meta pages to disk; fails as closed once the environment is.
    func sync() throws {
        closeLock.lock()
        defer { closeLock.unlock() }
        if isClosed { throw EventStoreError.closed }
        try lmdbCheck(mdb_env_sync(handle, 1), "mdb_env_sync")
    }

    /// The id of the last committed write transaction, by any process.
    var lastTransactionId: Int {
        var info = MDB_envinfo()
        mdb_env_info(handle, &info)
        return info.me_last_txnid
    }

    var mapSize: Int {
        var info = MDB_envinfo()
        mdb_env_info(handle, &info)
        return info.me_mapsize
    }

    /// Doubles the map while no transaction of this process is open.
    func grow() throws {
        try gate.exclusive {
            try lmdbCheck(mdb_env_set_mapsize(handle, mapSize * 2), "mdb_env_set_mapsize")
        }
    }

    /// Another process grew the map: adopt its size.
    func adoptForeignMapSize() throws {
        try gate.exclusive {
            try lmdbCheck(mdb_env_set_mapsize(handle, 0), "mdb_env_set_mapsize")
        }
    }
}
