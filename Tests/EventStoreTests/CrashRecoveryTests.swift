import Foundation
import Testing

@testable import EventStore

@Suite struct CrashRecoveryTests {
    /// The crash-child executable is built next to the test bundle.
    static func childExecutable() throws -> URL {
        let candidates = [
            Bundle.main.executableURL, URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
        ]
        for case let executable? in candidates {
            var directory = executable.deletingLastPathComponent()
            for _ in 0..<4 {
                let child = directory.appendingPathComponent("EventStoreCrashChild")
                if FileManager.default.isExecutableFile(atPath: child.path) { return child }
                directory = directory.deletingLastPathComponent()
            }
        }
        throw EventStoreError.invalidField(
            field: "EventStoreCrashChild", reason: "not found next to the test bundle")
    }

    /// Starts the child with `arguments` and returns once it acknowledged `count` appends; the
    /// caller kills it.
    static func startChild(_ arguments: [String], acknowledged count: Int) throws -> Process {
        let process = Process()
        process.executableURL = try childExecutable()
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var acknowledged = ""
        while acknowledged.split(separator: "\n").count < count {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty {
                process.waitUntilExit()
                throw EventStoreError.invalidField(
                    field: "EventStoreCrashChild", reason: "ended after \(acknowledged.count) bytes of output"
                )
            }
            acknowledged += String(decoding: data, as: UTF8.self)
        }
        return process
    }

    /// Runs the child, kills it with SIGKILL after `delay` seconds, returns its acknowledged appends.
    static func runAndKill(_ child: URL, path: String, delay: Double) throws -> [(position: UInt64, id: UUID)]
    {
        let process = Process()
        process.executableURL = child
        process.arguments = [path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        try output.fileHandleForWriting.close()
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // Only complete lines were acknowledged; a line cut by the kill is not counted.
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let position = UInt64(parts[0]),
                let id = UUID(uuidString: String(parts[1]))
            else {
                return nil
            }
            return (position, id)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func everyAcknowledgedEventSurvivesSigkillAndPositionsStayGapFree() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let child = try Self.childExecutable()
        var acknowledged: [UInt64: UUID] = [:]
        for round in 0..<20 {
            let acks = try Self.runAndKill(child, path: fixture.path, delay: Double.random(in: 0.15...0.6))
            for ack in acks { acknowledged[ack.position] = ack.id }
            let store = try fixture.open()
            let head = try store.head()
            let events = try store.read(from: 1, limit: Int.max)
            #expect(events.map(\.position) == Array(0..<head).map { $0 + 1 }, "round \(round)")
            let byPosition = Dictionary(uniqueKeysWithValues: events.map { ($0.position, $0) })
            for (position, id) in acknowledged {
                let event = byPosition[position]
                #expect(event?.id == id, "acknowledged position \(position) lost in round \(round)")
                #expect(event?.payload == Self.payload(for: id), "payload of \(position) damaged")
                // Its data key was made durable before the event: the personal part reads back.
                #expect(event?.personal == .clear(Self.personal(for: id)), "personal part of \(position)")
            }
        }
        #expect(acknowledged.count > 20)
        let store = try fixture.open()
        #expect(try store.verify(tenant: store.read(from: 1, limit: 1)[0].tenant).isIntact)
    }

    @Test(.timeLimit(.minutes(1)))
    func aSecondProcessSeesTheWritersAppendsAndLeavesTheIndexUnclean() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let process = try Self.startChild([fixture.path], acknowledged: 10)
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        do {
            let store = try fixture.open()
            let first = try store.read(from: 1, limit: .max)
            #expect(first.count >= 10)
            Thread.sleep(forTimeInterval: 0.3)
            let later = try store.read(from: 1, limit: .max)
            #expect(later.count > first.count, "another process's appends are visible")
            #expect(later.map(\.position) == Array(1...UInt64(later.count)))
            let stream = later[0].stream
            let inStream = try store.readStream(stream)
            #expect(inStream.map(\.streamVersion) == Array(1...UInt64(inStream.count)))
        }
        // Closing a second process must not mark the index clean: the writer still has
        // unsynced index pages.
        let log = try LMDBEnvironment(path: fixture.path, mapSize: 8 << 20, flags: 0)
        let state = try log.read { txn in
            try txn.get(LogDatabases(txn).meta, Array("index-state".utf8)).map { Array($0) }
        }
        log.close()
        #expect(state.map { String(decoding: $0, as: UTF8.self).hasPrefix("open ") } == true)

        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let store = try fixture.open()
        let events = try store.read(from: 1, limit: .max)
        #expect(events.map(\.position) == Array(1...UInt64(events.count)))
        for stream in Set(events.map(\.stream)) {
            #expect(try store.readStream(stream).count == events.filter { $0.stream == stream }.count)
        }
        #expect(try store.verify(tenant: events[0].tenant).isIntact)
    }

    @Test(.timeLimit(.minutes(1)))
    func twoProcessesAppendingToOneStreamKeepPositionsVersionsAndTheChain() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let tenant = UUID()
        let stream = StreamName("shared")
        let store = try fixture.open()
        let first = try store.append(single(tenant, stream.rawValue, .noStream, [makeEvent("parent 1")]))
        #expect(first.positions == [1])
        let process = try Self.startChild(
            [fixture.path, tenant.uuidString, stream.rawValue], acknowledged: 20)
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        // This process last wrote version 1; the other one has written since.
        #expect(throws: EventStoreError.self) {
            try store.append(single(tenant, stream.rawValue, .exact(1), [makeEvent("stale")]))
        }
        let later = try store.append(single(tenant, stream.rawValue, .any, [makeEvent("parent 2")]))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let events = try store.read(from: 1, limit: .max)
        #expect(events.map(\.position) == Array(1...UInt64(events.count)))
        #expect(later.positions[0] > 20)
        let inStream = try store.readStream(stream)
        #expect(inStream.count == events.count)
        #expect(inStream.map(\.streamVersion) == Array(1...UInt64(inStream.count)))
        #expect(try store.streamVersion(stream) == UInt64(events.count))
        #expect(try store.verify(tenant: tenant).isIntact)
    }

    /// Mirrors the child's payload.
    static func payload(for id: UUID) -> [UInt8] {
        Array(String(repeating: "crash-payload-\(id.uuidString);", count: 3).utf8)
    }

    /// Mirrors the child's personal bytes.
    static func personal(for id: UUID) -> [UInt8] {
        Array("personal-\(id.uuidString)".utf8)
    }
}
