import CLMDB
import Foundation

/// The baseline: a plain mdb_put loop, one put per event, committing every `batch` events with
/// LMDB's default full sync.
enum RawLMDBAppend {
    static func run(path: String, payloads: [[UInt8]], batch: Int) throws -> Double {
        let log = try RawLMDB(path: path)
        let start = BenchSupport.now()
        var position: UInt64 = 0
        for first in stride(from: 0, to: payloads.count, by: batch) {
            try log.commit(payloads[first..<min(first + batch, payloads.count)], after: position)
            position += UInt64(min(batch, payloads.count - first))
        }
        return BenchSupport.now() - start
    }
}

/// One LMDB environment with default flags (full sync on commit) and its main database, keyed
/// by big-endian position.
final class RawLMDB: @unchecked Sendable {  // commits run on one thread at a time
    private let env: OpaquePointer
    private let dbi: MDB_dbi

    init(path: String) throws {
        var handle: OpaquePointer?
        try Self.check(mdb_env_create(&handle), "mdb_env_create")
        env = handle!
        var dbi: MDB_dbi = 0
        do {
            try Self.check(mdb_env_set_mapsize(env, 1 << 30), "mdb_env_set_mapsize")
            try Self.check(mdb_env_open(env, path, 0, 0o600), "mdb_env_open")
            var txn: OpaquePointer?
            try Self.check(mdb_txn_begin(env, nil, 0, &txn), "mdb_txn_begin")
            try Self.check(mdb_dbi_open(txn, nil, 0, &dbi), "mdb_dbi_open")
            try Self.check(mdb_txn_commit(txn), "mdb_txn_commit")
        } catch {
            mdb_env_close(env)
            throw error
        }
        self.dbi = dbi
    }

    deinit { mdb_env_close(env) }

    /// One transaction: a put per payload at the positions following `last`, then a synced commit.
    func commit<Payloads: Collection<[UInt8]>>(_ payloads: Payloads, after last: UInt64) throws {
        var txn: OpaquePointer?
        try Self.check(mdb_txn_begin(env, nil, 0, &txn), "mdb_txn_begin")
        var position = last
        for payload in payloads {
            position += 1
            var key = position.bigEndian
            let code = withUnsafeMutableBytes(of: &key) { key in
                payload.withUnsafeBytes { value in
                    var k = MDB_val(mv_size: key.count, mv_data: key.baseAddress)
                    var v = MDB_val(
                        mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
                    return mdb_put(txn, dbi, &k, &v, 0)
                }
            }
            if code != 0 {
                mdb_txn_abort(txn)
                try Self.check(code, "mdb_put")
            }
        }
        try Self.check(mdb_txn_commit(txn), "mdb_txn_commit")
    }

    private static func check(_ code: Int32, _ function: String) throws {
        if code != 0 {
            throw BenchFailure(reason: "\(function): \(String(cString: mdb_strerror(code)))")
        }
    }
}
