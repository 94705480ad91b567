import Foundation
import Testing

@testable import EventStore

@Suite struct AppendTests {
    @Test func positionsStayGapFreeUnder64ConcurrentAppenders() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let tenant = UUID()
        let perWriter = 15
        let positions = Shared<[UInt64]>([])
        let failures = Shared<[String]>([])
        onThreads(64) { writer in
            for version in 0..<perWriter {
                do {
                    let result = try store.append(
                        single(
                            tenant, "writer-\(writer)", .exact(UInt64(version)),
                            [makeEvent("w\(writer)-\(version)")]))
                    positions.update { $0.append(contentsOf: result.positions) }
                } catch {
                    failures.update { $0.append("\(error)") }
                }
            }
        }
        let total = UInt64(64 * perWriter)
        #expect(failures.current.isEmpty)
        #expect(positions.current.sorted() == Array(1...total))
        #expect(try store.head() == total)
        let events = try store.read(from: 1, limit: 10_000)
        #expect(events.map(\.position) == Array(1...total))
        for writer in [0, 31, 63] {
            let stream = try store.readStream(StreamName("writer-\(writer)"))
            #expect(stream.map(\.streamVersion) == Array(1...UInt64(perWriter)))
            #expect(
                stream.map { String(decoding: $0.payload, as: UTF8.self) }
                    == (0..<perWriter).map { "w\(writer)-\($0)" })
        }
    }

    @Test func wrongExpectedVersionWritesNothing() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let tenant = UUID()
        _ = try store.append(single(tenant, "order-1", .noStream, [makeEvent("a"), makeEvent("b")]))
        let fresh = makeEvent("c")
        let request = AppendRequest(
            streams: [
                StreamAppend(
                    tenant: tenant, stream: StreamName("order-2"), expectedVersion: .noStream, events: [fresh]
                ),
                StreamAppend(
                    tenant: tenant, stream: StreamName("order-1"), expectedVersion: .exact(1),
                    events: [makeEvent("d")]),
            ],
            keys: [.reserve(UniqueKey("slug:acme"), StreamName("order-2"))])
        #expect(
            throws: EventStoreError.wrongExpectedVersion(
                stream: StreamName("order-1"), expected: .exact(1), actual: 2)
        ) {
            try store.append(request)
        }
        #expect(try store.head() == 2)
        #expect(try store.streamVersion(StreamName("order-2")) == 0)
        #expect(try store.lookup(UniqueKey("slug:acme")) == nil)
        let retry = try store.append(single(tenant, "order-2", .noStream, [fresh]))
        #expect(retry.positions == [3])
        #expect(retry.duplicate == false)
    }

    @Test func repeatedEventIdAppendsNothingAndReturnsFirstPositions() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let tenant = UUID()
        let first = makeEvent("one")
        let second = makeEvent("two")
        let original = try store.append(single(tenant, "chat-1", .noStream, [first, second]))
        #expect(original.positions == [1, 2])
        let redelivered = try store.append(single(tenant, "chat-1", .noStream, [first, second]))
        #expect(redelivered.duplicate)
        #expect(redelivered.positions == [1, 2])
        #expect(try store.head() == 2)
        let partly = try store.append(single(tenant, "chat-1", .exact(2), [second, makeEvent("three")]))
        #expect(partly.duplicate == false)
        #expect(partly.positions == [2, 3])
        #expect(
            try store.readStream(StreamName("chat-1")).map(\.payload)
                == ["one", "two", "three"].map { Array($0.utf8) })
    }

    @Test func twoAppendersRacingForOneUniqueKeyExactlyOneWins() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let tenant = UUID()
        for round in 0..<10 {
            let key = UniqueKey("email:user\(round)@example.com")
            let winners = Shared<[String]>([])
            let losers = Shared<[EventStoreError]>([])
            onThreads(2) { racer in
                let stream = "user-\(round)-\(racer)"
                do {
                    _ = try store.append(
                        single(
                            tenant, stream, .noStream, [makeEvent("signup")],
                            keys: [.reserve(key, StreamName(stream))]))
                    winners.update { $0.append(stream) }
                } catch let error as EventStoreError {
                    losers.update { $0.append(error) }
                } catch {
                    Issue.record("unexpected error \(error)")
                }
            }
            #expect(winners.current.count == 1)
            guard let winner = winners.current.first else { continue }
            #expect(losers.current == [.uniqueKeyTaken(key: key, heldBy: StreamName(winner))])
            #expect(try store.lookup(key) == StreamName(winner))
            let loser = winner.hasSuffix("-0") ? "user-\(round)-1" : "user-\(round)-0"
            #expect(try store.streamVersion(StreamName(loser)) == 0)
        }
    }

    @Test func releasedKeyCanBeReservedByAnotherStream() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let tenant = UUID()
        let key = UniqueKey("open-conversation:contact-1")
        _ = try store.append(
            single(
                tenant, "conv-1", .noStream, [makeEvent("open")], keys: [.reserve(key, StreamName("conv-1"))])
        )
        _ = try store.append(
            single(tenant, "conv-2", .any, [makeEvent("noop")], keys: [.release(key, StreamName("conv-2"))]))
        #expect(try store.lookup(key) == StreamName("conv-1"))
        _ = try store.append(
            single(
                tenant, "conv-1", .exact(1), [makeEvent("close")], keys: [.release(key, StreamName("conv-1"))]
            ))
        #expect(try store.lookup(key) == nil)
        _ = try store.append(
            single(tenant, "conv-2", .any, [makeEvent("open")], keys: [.reserve(key, StreamName("conv-2"))]))
        #expect(try store.lookup(key) == StreamName("conv-2"))
    }

    @Test func multiStreamAppendIsAtomic() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let tenant = UUID()
        _ = try store.append(
            single(
                tenant, "taken", .noStream, [makeEvent("x")],
                keys: [.reserve(UniqueKey("k"), StreamName("taken"))]))
        func request(keyOwner: String) -> AppendRequest {
            AppendRequest(
                streams: ["webhooks", "contact-1", "conversation-1"].map {
                    StreamAppend(
                        tenant: tenant, stream: StreamName($0), expectedVersion: .noStream,
                        events: [makeEvent($0), makeEvent($0)])
                },
                keys: [
                    .reserve(UniqueKey("phone:1"), StreamName("contact-1")),
                    .reserve(UniqueKey("k"), StreamName(keyOwner)),
                ])
        }
        #expect(throws: EventStoreError.uniqueKeyTaken(key: UniqueKey("k"), heldBy: StreamName("taken"))) {
            try store.append(request(keyOwner: "conversation-1"))
        }
        #expect(try store.head() == 1)
        #expect(try store.lookup(UniqueKey("phone:1")) == nil)
        #expect(try store.streamVersion(StreamName("webhooks")) == 0)
        let result = try store.append(request(keyOwner: "taken"))
        #expect(result.positions == [2, 3, 4, 5, 6, 7])
        #expect(
            result.streamVersions == [
                StreamName("webhooks"): 2, StreamName("contact-1"): 2, StreamName("conversation-1"): 2,
            ])
        #expect(try store.lookup(UniqueKey("phone:1")) == StreamName("contact-1"))
    }

    @Test func invalidFieldsAreTypedErrorsNamingTheField() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        #expect(throws: EventStoreError.invalidField(field: "streams[0].stream", reason: "empty")) {
            try store.append(single(UUID(), "", .any, [makeEvent("x")]))
        }
        let personal = NewEvent(id: UUID(), type: "T.v1", occurredAt: 0, payload: [], personal: [1])
        #expect(
            throws: EventStoreError.invalidField(
                field: "streams[0].events[0].dataKey", reason: "required with personal bytes")
        ) {
            try store.append(single(UUID(), "s", .any, [personal]))
        }
        #expect(try store.head() == 0)
    }

    @Test func completionVariantAndWaitForHeadReportTheDurableHead() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let observed = Shared<[UInt64]>([])
        let token = store.addAppendObserver { head in observed.update { $0.append(head) } }
        #expect(store.waitForHead(above: 0, timeout: 0.05) == 0)
        let done = DispatchSemaphore(value: 0)
        let outcome = Shared<AppendResult?>(nil)
        store.append(single(UUID(), "s", .noStream, [makeEvent("a"), makeEvent("b")])) { result in
            outcome.update { $0 = try? result.get() }
            done.signal()
        }
        #expect(store.waitForHead(above: 0, timeout: 5) == 2)
        done.wait()
        #expect(outcome.current?.positions == [1, 2])
        #expect(observed.current == [2])
        store.removeAppendObserver(token)
        _ = try store.append(single(UUID(), "s", .exact(2), [makeEvent("c")]))
        #expect(observed.current == [2])
    }

    @Test(.timeLimit(.minutes(1)))
    func aCompletionMayReleaseTheStoreEvenWhenItsRequestWasRefused() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let tenant = UUID()
        for expected in [ExpectedVersion.exact(7), .exact(1)] {
            let holder = Shared<EventStore?>(try fixture.open())
            if try holder.current!.head() == 0 {
                _ = try holder.current!.append(single(tenant, "s", .noStream, [makeEvent("first")]))
            }
            let done = DispatchSemaphore(value: 0)
            let released = DispatchSemaphore(value: 0)
            let outcome = Shared<Bool?>(nil)
            func submit() {
                holder.current!.append(single(tenant, "s", expected, [makeEvent("next")])) { result in
                    outcome.update { $0 = (try? result.get()) != nil }
                    // Once this thread holds no reference, the last one goes here, on a store thread.
                    released.wait()
                    holder.update { $0 = nil }
                    done.signal()
                }
            }
            submit()
            released.signal()
            done.wait()
            #expect(outcome.current == (expected == .exact(1)))
        }
        // Both stores closed and released their path.
        #expect(try fixture.open().head() == 2)
    }

    @Test func aFailingRequestDoesNotFailTheOthersInItsBatch() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let tenant = UUID()
        _ = try store.append(single(tenant, "existing", .noStream, [makeEvent("first")]))
        let outcomes = Shared<[Int: Result<AppendResult, EventStoreError>]>([:])
        let group = DispatchGroup()
        // Queued without waiting, so the writer commits many of them in one transaction.
        for index in 0..<40 {
            group.enter()
            let request =
                index == 20
                ? single(tenant, "existing", .noStream, [makeEvent("conflict")])
                : single(tenant, "batch-\(index)", .noStream, [makeEvent("ok-\(index)")])
            store.append(request) { result in
                outcomes.update { $0[index] = result.mapError { $0 as! EventStoreError } }
                group.leave()
            }
        }
        group.wait()
        let results = outcomes.current
        #expect(results.count == 40)
        for (index, result) in results {
            switch result {
            case .success(let appended):
                #expect(index != 20)
                #expect(appended.streamVersions == [StreamName("batch-\(index)"): 1])
            case .failure(let error):
                #expect(index == 20)
                #expect(
                    error
                        == .wrongExpectedVersion(
                            stream: StreamName("existing"), expected: .noStream, actual: 1))
            }
        }
        #expect(try store.read(from: 1, limit: 100).map(\.position) == Array(1...40))
        #expect(try store.streamVersion(StreamName("existing")) == 1)
    }
    @Test func requestsOfOneBatchSeeTheStreamsAndIdsWrittenBeforeThem() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let tenant = UUID()
        let rounds = 10
        let repeated = (0..<rounds).map { _ in UUID() }
        // Queued without waiting, in this order, so most share a transaction with the requests
        // they build on; the outcomes hold however the writer cuts them into batches.
        let requests: [AppendRequest] = (0..<rounds).flatMap { round in
            let stream = "s-\(round)"
            return [
                single(tenant, stream, .noStream, [makeEvent("one", id: repeated[round])]),
                single(tenant, stream, .exact(1), [makeEvent("two")]),
                single(tenant, stream, .exact(1), [makeEvent("stale")]),
                single(tenant, stream, .any, [makeEvent("one again", id: repeated[round])]),
                single(tenant, stream, .exact(2), [makeEvent("three")]),
            ]
        }
        let outcomes = Shared<[Int: Result<AppendResult, EventStoreError>]>([:])
        let group = DispatchGroup()
        for (index, request) in requests.enumerated() {
            group.enter()
            store.append(request) { result in
                outcomes.update { $0[index] = result.mapError { $0 as! EventStoreError } }
                group.leave()
            }
        }
        group.wait()
        let results = outcomes.current
        for round in 0..<rounds {
            let stream = StreamName("s-\(round)")
            let first = try #require(try? results[round * 5]?.get())
            #expect(try results[round * 5 + 1]?.get().streamVersions == [stream: 2])
            var stale: EventStoreError?
            if case .failure(let error) = results[round * 5 + 2] { stale = error }
            #expect(stale == .wrongExpectedVersion(stream: stream, expected: .exact(1), actual: 2))
            let again = try results[round * 5 + 3]?.get()
            #expect(again?.positions == first.positions)
            #expect(again?.duplicate == true)
            #expect(try results[round * 5 + 4]?.get().streamVersions == [stream: 3])
            let events = try store.readStream(stream)
            #expect(events.map(\.streamVersion) == [1, 2, 3])
            #expect(events.map(\.id).filter { $0 == repeated[round] }.count == 1)
        }
    }
}
