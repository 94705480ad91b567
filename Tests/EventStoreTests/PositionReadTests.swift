import Foundation
import Testing

@testable import EventStore

/// Reads by position decode records in place (shared strings, seals opened from the map);
/// the reads through the stream index still copy every record first. Both must give the same
/// events, and the concurrent reader must hand over every position exactly once.
@Suite struct PositionReadTests {
    /// A log of four streams whose events interleave, with two data keys (one forgotten),
    /// events with and without personal parts, and every kind of metadata.
    static func mixedLog(_ store: EventStore) throws -> [StreamName] {
        let tenants = [UUID(), UUID()]
        let keys = [DataKeyID("contact-a"), DataKeyID("contact-b"), DataKeyID("contact-c")]
        let streams = ["conversation-1", "conversation-2", "contact-9", "conversation-3"].map {
            StreamName($0)
        }
        for round in 0..<60 {
            var appends: [StreamAppend] = []
            for (index, stream) in streams.enumerated() where (round + index) % 3 != 0 {
                let personal = (round + index) % 2 == 0 ? Array("personal \(round) \(index)".utf8) : nil
                let metadata: EventMetadata
                switch round % 4 {
                case 0: metadata = EventMetadata()
                case 1: metadata = EventMetadata(correlationId: UUID())
                case 2: metadata = EventMetadata(causationId: UUID(), actor: "agent:\(round)")
                default: metadata = EventMetadata(correlationId: UUID(), causationId: UUID(), actor: "")
                }
                let types = ["MessageReceived.v1", "MessageRead.v1", "A.v1"]
                let dataKey: DataKeyID? = personal == nil ? nil : keys[(round / 2 + index) % 3]
                var events: [NewEvent] = []
                for part in 0..<(1 + round % 3) {
                    let payload: [UInt8] = Array("round \(round) part \(part)".utf8)
                    events.append(
                        NewEvent(
                            id: UUID(), type: types[(round + part) % 3], occurredAt: Int64(round * 10 + part),
                            metadata: metadata, payload: payload, personal: personal, dataKey: dataKey))
                }
                appends.append(
                    StreamAppend(
                        tenant: tenants[index % 2], stream: stream, expectedVersion: .any, events: events))
            }
            _ = try store.append(AppendRequest(streams: appends))
        }
        try store.forget(keys[1])
        return streams
    }

    @Test func positionReadsGiveTheSameEventsAsStreamReads() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open(durability: .noSync)
        let streams = try Self.mixedLog(store)
        let byStream = try streams.flatMap { try store.readStream($0) }.sorted { $0.position < $1.position }
        let byPosition = try store.read(from: 1, limit: 10_000)
        #expect(byPosition.count == byStream.count)
        #expect(byPosition == byStream)
        #expect(byPosition.map(\.position) == Array(1...UInt64(byStream.count)))
        #expect(byPosition.contains { $0.personal == .erased })
        #expect(byPosition.contains { if case .clear = $0.personal { true } else { false } })
        #expect(byPosition.contains { $0.personal == .none })
        // Pages that start anywhere give the same events.
        for start in stride(from: UInt64(1), through: UInt64(byStream.count), by: 37) {
            #expect(
                try store.read(from: start, limit: 11)
                    == Array(byStream[Int(start - 1)..<min(byStream.count, Int(start) + 10)]))
        }
    }

    @Test func concurrentReadsHandOverEveryPositionOnceInPages() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open(durability: .noSync)
        _ = try Self.mixedLog(store)
        let all = try store.read(from: 1, limit: 10_000)
        let head = try store.head()
        for (first, last, pageSize, threads) in [
            (UInt64(1), head, 7, 3), (0, UInt64.max, 1000, 2), (40, 200, 16, 4), (head, head, 5, 2),
            (head + 1, .max, 3, 2),
            (90, 80, 3, 2),
        ] {
            let pages = Shared<[[RecordedEvent]]>([])
            try store.readConcurrently(from: first, through: last, pageSize: pageSize, threads: threads) {
                page in
                pages.update { $0.append(page) }
            }
            let expected = all.filter { $0.position >= first && $0.position <= last }
            #expect(pages.current.flatMap { $0 }.sorted { $0.position < $1.position } == expected)
            for page in pages.current {
                #expect(page.count <= pageSize)
                #expect(page.map(\.position) == Array(page[0].position...page[page.count - 1].position))
            }
        }
    }

    @Test func aFailingPageStopsTheConcurrentRead() throws {
        struct Stop: Error, Equatable {}
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open(durability: .noSync)
        _ = try Self.mixedLog(store)
        // One thread: nothing is handed after the failing page.
        let handed = Shared(0)
        #expect(throws: Stop()) {
            try store.readConcurrently(from: 1, through: .max, pageSize: 2, threads: 1) { page in
                let count = handed.update { count -> Int in
                    count += 1
                    return count
                }
                if count == 3 { throw Stop() }
            }
        }
        #expect(handed.current == 3)
        // Two threads: the failure reaches the caller. How many pages the other thread hands on
        // before it sees the failure depends on scheduling, so only the error is checked.
        let pages = Shared(0)
        #expect(throws: Stop()) {
            try store.readConcurrently(from: 1, through: .max, pageSize: 2, threads: 2) { page in
                let count = pages.update { count -> Int in
                    count += 1
                    return count
                }
                if count == 3 { throw Stop() }
            }
        }
        #expect(throws: EventStoreError.invalidField(field: "pageSize", reason: "must be positive")) {
            try store.readConcurrently(from: 1, through: 10, pageSize: 0, threads: 1) { _ in }
        }
        #expect(throws: EventStoreError.invalidField(field: "threads", reason: "must be positive")) {
            try store.readConcurrently(from: 1, through: 10, pageSize: 1, threads: 0) { _ in }
        }
    }

    @Test func corruptRecordsFailAlikeThroughBothReaders() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open(durability: .noSync)
        let tenant = UUID()
        _ = try store.append(
            single(
                tenant, "contact-1", .noStream, [makeEvent("a", personal: [1, 2], dataKey: DataKeyID("k"))]))
        let key = IndexKeys.position(1)
        let value = try #require(
            try store.env.read { txn in try txn.get(store.dbs.events, key).map { Array($0) } })
        let hash = Array(value.suffix(StoredRecord.hashSize))
        let record = Array(value.dropLast(StoredRecord.hashSize))
        var retagged = record
        retagged[0] = 9
        for (stored, reason) in [
            (Array(record.prefix(40)) + hash, "truncated record"), (retagged + hash, "unknown record tag 9"),
            (record + [0] + hash, "trailing bytes"), (Array(value.prefix(20)), "truncated value"),
        ] {
            try store.env.write { txn in try txn.put(store.dbs.events, key, stored) }
            let expected = EventStoreError.corruptRecord(position: 1, reason: reason)
            #expect(throws: expected) { try store.read(from: 1, limit: 1) }
            #expect(throws: expected) { try store.readStream(StreamName("contact-1")) }
            #expect(throws: expected) {
                try store.readConcurrently(from: 1, through: 1, pageSize: 1, threads: 1) { _ in }
            }
        }
    }
}
