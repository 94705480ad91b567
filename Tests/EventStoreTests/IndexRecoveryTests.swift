import CLMDB
import Foundation
import Testing

@testable import EventStore

/// The index environment is derived from the log: whatever happens to it, reopening the store
/// brings it back to exactly what the log says.
@Suite struct IndexRecoveryTests {
    /// Appends a small history across two tenants and returns what the indexed reads answer.
    private func history(_ store: EventStore, _ tenants: [UUID], ids: [UUID]) throws {
        for (index, id) in ids.enumerated() {
            let tenant = tenants[index % 2]
            let stream = "stream-\(index % 3)"
            _ = try store.append(single(tenant, stream, .any, [makeEvent("event-\(index)", id: id)]))
        }
    }

    private struct Answers: Equatable {
        var streams: [[UInt64]]
        var tenants: [[UInt64]]
        var times: [[UInt64]]
        var versions: [UInt64]
    }

    private func answers(_ store: EventStore, _ tenants: [UUID]) throws -> Answers {
        let streams = try (0..<3).map { try store.readStream(StreamName("stream-\($0)")).map(\.position) }
        return Answers(
            streams: streams,
            tenants: try tenants.map { try store.readTenant($0, from: 1, limit: 100).map(\.position) },
            times: try tenants.map { try store.readTenant($0, recordedUpTo: .max).map(\.position) },
            versions: try (0..<3).map { try store.streamVersion(StreamName("stream-\($0)")) })
    }

    /// Checks every indexed answer, idempotency by event id and expected versions after a reopen.
    private func expectRecovered(
        _ fixture: StoreFixture, _ tenants: [UUID], ids: [UUID], before: Answers
    ) throws {
        let store = try fixture.open()
        #expect(try answers(store, tenants) == before)
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

    @Test func aDeletedIndexIsRebuiltFromTheLog() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let tenants = [UUID(), UUID()]
        let ids = (0..<12).map { _ in UUID() }
        let before: Answers
        do {
            let store = try fixture.open()
            try history(store, tenants, ids: ids)
            before = try answers(store, tenants)
            #expect(before.streams.map(\.count) == [4, 4, 4])
        }
        try FileManager.default.removeItem(atPath: fixture.path + "/index")
        try expectRecovered(fixture, tenants, ids: ids, before: before)
    }

    @Test func anIndexLeftOpenUnderAnotherBootIsDiscardedEvenWhenGarbage() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let tenants = [UUID(), UUID()]
        let ids = (0..<12).map { _ in UUID() }
        let before: Answers
        do {
            let store = try fixture.open()
            try history(store, tenants, ids: ids)
            before = try answers(store, tenants)
        }
        // As after a machine crash: the log says the index was open under a boot that is gone,
        // and its unsynced file is torn.
        let log = try LMDBEnvironment(path: fixture.path, mapSize: 8 << 20, flags: 0)
        try log.write { txn in
            try txn.put(LogDatabases(txn).meta, Array("index-state".utf8), Array("open another-boot".utf8))
        }
        log.close()
        let indexFile = fixture.path + "/index/data.mdb"
        let size = try FileManager.default.attributesOfItem(atPath: indexFile)[.size] as? Int ?? 0
        try Data(repeating: 0xA5, count: max(size, 16_384)).write(to: URL(fileURLWithPath: indexFile))
        try expectRecovered(fixture, tenants, ids: ids, before: before)
    }

    @Test func anIndexBehindTheLogCatchesUp() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let tenants = [UUID(), UUID()]
        let ids = (0..<12).map { _ in UUID() }
        let before: Answers
        do {
            let store = try fixture.open()
            try history(store, tenants, ids: Array(ids[0..<6]))
        }
        // Keep a copy of the index as it was after six events, append six more, then put the
        // old index back: as if the process died between the log's commit and the index's.
        let saved = try Data(contentsOf: URL(fileURLWithPath: fixture.path + "/index/data.mdb"))
        do {
            let store = try fixture.open()
            for (index, id) in ids.enumerated().dropFirst(6) {
                _ = try store.append(
                    single(
                        tenants[index % 2], "stream-\(index % 3)", .any, [makeEvent("event-\(index)", id: id)]
                    ))
            }
            before = try answers(store, tenants)
        }
        try saved.write(to: URL(fileURLWithPath: fixture.path + "/index/data.mdb"))
        try expectRecovered(fixture, tenants, ids: ids, before: before)
    }

    @Test func aFormatOneStoreIsUpgradedAndItsIndexesRebuilt() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let tenants = [UUID(), UUID()]
        let ids = (0..<12).map { _ in UUID() }
        let before: Answers
        do {
            let store = try fixture.open()
            try history(store, tenants, ids: ids)
            before = try answers(store, tenants)
        }
        // Format 1 kept its indexes inside the log environment and had no index directory.
        let log = try LMDBEnvironment(path: fixture.path, mapSize: 8 << 20, flags: 0)
        try log.write { txn in
            let dbs = try LogDatabases(txn)
            try FormatVersion.write(1, txn, dbs)
            try txn.put(txn.openDatabase("stream-index"), Array("stale".utf8), Array("entry".utf8))
        }
        log.close()
        try FileManager.default.removeItem(atPath: fixture.path + "/index")
        try expectRecovered(fixture, tenants, ids: ids, before: before)
        let reopened = try LMDBEnvironment(path: fixture.path, mapSize: 8 << 20, flags: 0)
        defer { reopened.close() }
        try reopened.read { txn in
            var dbi: MDB_dbi = 0
            #expect(mdb_dbi_open(txn.handle, "stream-index", 0, &dbi) == MDB_NOTFOUND)
        }
    }
}
