import CLMDB
import Foundation

/// The baseline: a plain mdb_put loop, one put per event, committing every `batch` events with
/// LMDB's default full sync.
enum RawLMDBAppend {
    static func run(path: String, payloads: [[UInt8]], batch: Int) throws -> Double {
        var env: OpaquePointer?
        try check(mdb_env_create(&env), "mdb_env_create")
        defer { mdb_env_close(env) }
        try check(mdb_env_set_mapsize(env, 1 << 30), "mdb_env_set_mapsize")
        try check(mdb_env_open(env, path, 0, 0o600), "mdb_env_open")
        var dbi: MDB_dbi = 0
        var txn: OpaquePointer?
        try check(mdb_txn_begin(env, nil, 0, &txn), "mdb_txn_begin")
        try check(mdb_dbi_open(txn, nil, 0, &dbi), "mdb_dbi_open")
        try check(mdb_txn_commit(txn), "mdb_txn_commit")

        let start = BenchSupport.now()
        var position: UInt64 = 0
        for first in stride(from: 0, to: payloads.count, by: batch) {
            try check(mdb_txn_begin(env, nil, 0, &txn), "mdb_txn_begin")
            for index in first..<min(first + batch, payloads.count) {
                position += 1
                var key = position.bigEndian
                let code = withUnsafeMutableBytes(of: &key) { key in
                    payloads[index].withUnsafeBytes { value in
                        var k = MDB_val(mv_size: key.count, mv_data: key.baseAddress)
                        var v = MDB_val(
                            mv_size: value.count,
                            mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
                        return mdb_put(txn, dbi, &k, &v, 0)
                    }
                }
                if code != 0 {
                    mdb_txn_abort(txn)
                    try check(code, "mdb_put")
                }
            }
            try check(mdb_txn_commit(txn), "mdb_txn_commit")
        }
        return BenchSupport.now() - start
    }

    private static func check(_ code: Int32, _ function: String) throws {
        if code != 0 {
            throw BenchFailure(reason: "\(function): \(String(cString: mdb_strerror(code)))")
        }
    }
}
