import Foundation
import Testing

@testable import EventStore

@Suite struct ReadTests {
    @Test func tenantAndTimeReadsReturnExactlyThatTenantsEventsInOrder() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let alpha = UUID()
        let beta = UUID()
        for round in 0..<6 {
            _ = try store.append(single(alpha, "alpha-\(round % 2)", .any, [makeEvent("a\(round)")]))
            _ = try store.append(
                single(beta, "beta", .any, [makeEvent("b\(round)"), makeEvent("b\(round)'")]))
            Thread.sleep(forTimeInterval: 0.003)
        }
        let alphaEvents = try store.readTenant(alpha, from: 1, limit: 100)
        #expect(alphaEvents.map { String(decoding: $0.payload, as: UTF8.self) } == (0..<6).map { "a\($0)" })
        #expect(alphaEvents.allSatisfy { $0.tenant == alpha })
        #expect(alphaEvents.map(\.position) == alphaEvents.map(\.position).sorted())
        let page = try store.readTenant(alpha, from: alphaEvents[2].position, limit: 2)
        #expect(page.map(\.position) == [alphaEvents[2].position, alphaEvents[3].position])
        #expect(try store.readTenant(beta, from: 1, limit: 100).count == 12)
        #expect(try store.readTenant(UUID(), from: 1, limit: 100).isEmpty)

        let cut = alphaEvents[3].recordedAt
        let asOf = try store.readTenant(alpha, recordedUpTo: cut)
        #expect(asOf == alphaEvents.filter { $0.recordedAt <= cut })
        #expect(asOf.count >= 4 && asOf.count < 6)
        #expect(try store.readTenant(alpha, recordedUpTo: alphaEvents[0].recordedAt - 1).isEmpty)
        let all = try store.read(from: 1, limit: 100)
        #expect(all.map(\.recordedAt) == all.map(\.recordedAt).sorted())
    }

    @Test func readsCopyEveryFieldBack() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let tenant = UUID()
        let metadata = EventMetadata(correlationId: UUID(), causationId: UUID(), actor: "agent:7")
        let event = NewEvent(
            id: UUID(), type: "MessageReceived.v1", occurredAt: -42, metadata: metadata,
            payload: [0, 1, 2, 255])
        _ = try store.append(single(tenant, "conversation-9", .noStream, [event]))
        let read = try #require(try store.read(from: 0, limit: 10).first)
        #expect(read.position == 1)
        #expect(read.tenant == tenant)
        #expect(read.stream == StreamName("conversation-9"))
        #expect(read.streamVersion == 1)
        #expect(read.id == event.id)
        #expect(read.type == "MessageReceived.v1")
        #expect(read.occurredAt == -42)
        #expect(read.metadata == metadata)
        #expect(read.payload == [0, 1, 2, 255])
        #expect(read.personal == .none)
        #expect(read.chainHash.count == 32)
        #expect(abs(read.recordedAt - Int64(Date().timeIntervalSince1970 * 1000)) < 60_000)
        #expect(try store.readStream(StreamName("conversation-9"), fromVersion: 2).isEmpty)
        #expect(try store.read(from: 2, limit: 10).isEmpty)
    }

    @Test func readersSeeAConsistentSnapshotWhileTheWriterCommits() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open(durability: .noSync)
        let tenant = UUID()
        let batches = 150
        let done = Shared(false)
        let problems = Shared<[String]>([])
        let snapshots = Shared(0)
        onThreads(4) { thread in
            if thread == 0 {
                for batch in 0..<batches {
                    let events = (0..<10).map { makeEvent("batch-\(batch)-\($0)") }
                    _ = try? store.append(single(tenant, "stream-\(batch % 3)", .any, events))
                }
                done.update { $0 = true }
                return
            }
            while !done.current {
                do {
                    let events = try store.read(from: 1, limit: 100_000)
                    snapshots.update { $0 += 1 }
                    // Every request wrote 10 events atomically: a snapshot holds whole requests only.
                    if events.count % 10 != 0
                        || events.map(\.position) != Array(0..<UInt64(events.count)).map({ $0 + 1 })
                    {
                        problems.update { $0.append("torn snapshot of \(events.count) events") }
                    }
                } catch {
                    problems.update { $0.append("\(error)") }
                }
            }
        }
        #expect(problems.current.isEmpty)
        #expect(snapshots.current > 0)
        #expect(try store.head() == UInt64(batches * 10))
    }

    @Test func mapGrowsFromATinyInitialMapSize() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let tenant = UUID()
        let payload = [UInt8](repeating: 0x5A, count: 20_000)
        do {
            let store = try fixture.open(initialMapSize: 64 << 10)
            for request in 0..<25 {
                let events = (0..<10).map {
                    NewEvent(
                        id: UUID(), type: "Blob.v1", occurredAt: Int64($0),
                        payload: payload + [UInt8(request)])
                }
                _ = try store.append(single(tenant, "blobs", .any, events))
            }
            #expect(try store.head() == 250)
            #expect(store.env.mapSize > 5_000_000)
        }
        let reopened = try fixture.open(initialMapSize: 64 << 10)
        let events = try reopened.read(from: 1, limit: 1_000)
        #expect(events.count == 250)
        #expect(
            events.allSatisfy {
                $0.payload.count == 20_001 && $0.payload.prefix(20_000).allSatisfy { $0 == 0x5A }
            })
        #expect(events.last?.payload.last == 24)
    }

    @Test func mapGrowsWhileReadersKeepReading() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open(initialMapSize: 64 << 10, durability: .noSync)
        let tenant = UUID()
        let payload = [UInt8](repeating: 0xA5, count: 8_000)
        let done = Shared(false)
        let problems = Shared<[String]>([])
        onThreads(3) { thread in
            if thread == 0 {
                for request in 0..<60 {
                    let events = (0..<5).map { _ in
                        NewEvent(id: UUID(), type: "Blob.v1", occurredAt: 0, payload: payload)
                    }
                    do {
                        _ = try store.append(single(tenant, "blobs-\(request % 4)", .any, events))
                    } catch {
                        problems.update { $0.append("append: \(error)") }
                    }
                }
                done.update { $0 = true }
                return
            }
            while !done.current {
                do {
                    let events = try store.readTenant(tenant, from: 1, limit: 1_000)
                    if events.contains(where: { $0.payload != payload }) || events.count % 5 != 0 {
                        problems.update { $0.append("torn read of \(events.count) events") }
                    }
                } catch {
                    problems.update { $0.append("read: \(error)") }
                }
            }
        }
        #expect(problems.current.isEmpty)
        #expect(try store.head() == 300)
        #expect(store.env.mapSize >= 2_400_000)
    }
}
