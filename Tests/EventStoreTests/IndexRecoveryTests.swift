import CLMDB
import Foundation
import Testing

@testable import EventStore

/// The index environment is derived from the log: whatever happens to it, reopening the store
/// brings it back to exactly what the log says.
@Suite struct IndexRecoveryTests {
    private struct Answers: Equatable {
        var streams: [[UInt64]]
        var tenants: [[UInt64]]
        var times: [[UInt64]]
        var versions: [UInt64]
    }

    /// A store with a small history of twelve events over two tenants and three streams.
    private struct Scenario {
        let fixture = StoreFixture()
        let tenants = [UUID(), UUID()]
        let ids = (0..<12).map { _ in UUID() }

        /// Opens the store, appends events `range` of the history, and returns what the indexed
        /// reads answer then; the store is closed again.
        @discardableResult
        func append(_ range: Range<Int> = 0..<12) throws -> Answers {
            let store = try fixture.open()
            for index in range {
                _ = try store.append(
                    single(
                        tenants[index % 2], "stream-\(index % 3)", .any,
                        [makeEvent("event-\(index)", id: ids[index])]))
            }
            return try answers(store)
        }

        func answers(_ store: EventStore) throws -> Answers {
            let streams = try (0..<3).map { try store.readStream(StreamName("stream-\($0)")).map(\.position) }
            return Answers(
                streams: streams,
                tenants: try tenants.map { try store.readTenant($0, from: 1, limit: 100).map(\.position) },
                times: try tenants.map { try store.readTenant($0, recordedUpTo: .max).map(\.position) },
                versions: try (0..<3).map { try store.streamVersion(StreamName("stream-\($0)")) })
        }

        /// Rewrites a value of the log's `meta` database while the store is closed.
        func setLogMeta(_ body: (LMDBTransaction, LogDatabases) throws -> Void) throws {
            let log = try LMDBEnvironment(path: fixture.path, mapSize: 8 << 20, flags: 0)
            defer { log.close() }
            try log.write { txn in try body(txn, LogDatabases(txn)) }
        }

        /// Checks every indexed answer, idempotency by event id and expected versions after a
        /// reopen.
        func expectRecovered(_ before: Answers) throws {
            let store = try fixture.open()
            #expect(try answers(store) == before)
            let repeated = try store.append(
                single(tenants[0], "stream-0", .any, [makeEvent("again", id: ids[0])]))
            #expect(repeated.duplicate)
            #expect(repeated.positions == [1])
            #expect(throws: EventStoreError.self) {
                try store.append(single(tenants[0], "stream-0", .exact(1), [makeEvent("stale")]))
            }
            #expect(try store.verify(tenant: tenants[0]).isIntact)
            #expect(try store.verify(tenant: tenants[1]).isIntact)
        }
    }

    @Test func aDeletedIndexIsRebuiltFromTheLog() throws {
        let scenario = Scenario()
        defer { scenario.fixture.remove() }
        let before = try scenario.append()
        #expect(before.streams.map(\.count) == [4, 4, 4])
        try FileManager.default.removeItem(atPath: scenario.fixture.path + "/index")
        try scenario.expectRecovered(before)
    }

    @Test func anIndexLeftOpenUnderAnotherBootIsDiscardedEvenWhenGarbage() throws {
        let scenario = Scenario()
        defer { scenario.fixture.remove() }
        let before = try scenario.append()
        // As after a machine crash: the log says the index was open under a boot that is gone,
        // and its unsynced file is torn.
        try scenario.setLogMeta { txn, dbs in
            try txn.put(dbs.meta, Array("index-state".utf8), Array("open another-boot".utf8))
        }
        let indexFile = scenario.fixture.path + "/index/data.mdb"
        let size = try FileManager.default.attributesOfItem(atPath: indexFile)[.size] as? Int ?? 0
        try Data(repeating: 0xA5, count: max(size, 16_384)).write(to: URL(fileURLWithPath: indexFile))
        try scenario.expectRecovered(before)
    }

    @Test func anIndexBehindTheLogCatchesUp() throws {
        let scenario = Scenario()
        defer { scenario.fixture.remove() }
        let indexFile = URL(fileURLWithPath: scenario.fixture.path + "/index/data.mdb")
        // Keep a copy of the index as it was after six events, append six more, then put the
        // old index back: as if the process died between the log's commit and the index's.
        try scenario.append(0..<6)
        let saved = try Data(contentsOf: indexFile)
        let before = try scenario.append(6..<12)
        try saved.write(to: indexFile)
        try scenario.expectRecovered(before)
    }

    @Test func aFormatOneStoreIsUpgradedAndItsIndexesRebuilt() throws {
        let scenario = Scenario()
        defer { scenario.fixture.remove() }
        let before = try scenario.append()
        // Format 1 kept its indexes inside the log environment and had no index directory.
        try scenario.setLogMeta { txn, dbs in
            try FormatVersion.write(1, txn, dbs)
            try txn.put(txn.openDatabase("stream-index"), Array("stale".utf8), Array("entry".utf8))
        }
        try FileManager.default.removeItem(atPath: scenario.fixture.path + "/index")
        try scenario.expectRecovered(before)
        let reopened = try LMDBEnvironment(path: scenario.fixture.path, mapSize: 8 << 20, flags: 0)
        defer { reopened.close() }
        try reopened.read { txn in
            var dbi: MDB_dbi = 0
            #expect(mdb_dbi_open(txn.handle, "stream-index", 0, &dbi) == MDB_NOTFOUND)
        }
    }
}
