import Foundation
import Testing

@testable import API

/// A slow route, a streamed route and an echo that records whether it ran.
private func slowClientRouter(metrics: MetricsRegistry, echoed: Locked<Int>) -> Router {
    var router = Router()
    router.addOperationalRoutes(metrics: metrics)
    router.add("POST", "/api/echo") { request in
        echoed.withLock { $0 += 1 }
        return Response.text("received \(request.body.count)")
    }
    router.add("GET", "/slow") { _ in
        usleep(1_500_000)
        return Response.text("done")
    }
    router.add("GET", "/ticks") { _ in
        Response(status: 200, headers: [HTTPHeader("Content-Type", "text/plain")], stream: Ticks(count: 8))
    }
    return router
}

/// Eight lines, a quarter of a second apart.
private final class Ticks: ResponseStream, @unchecked Sendable {  // `sent` is only touched by the one
    // connection thread that reads the stream
    private let count: Int
    private var sent = 0

    init(count: Int) { self.count = count }

    func next() -> [UInt8] {
        guard sent < count else { return [] }
        usleep(250_000)
        sent += 1
        return Array("tick \(sent)\n".utf8)
    }
}

/// One server with its own metrics for a test.
private struct SlowClientServer {
    let server: HTTPServer
    let client: TestHTTPClient
    let metrics: MetricsRegistry
    let echoed = Locked(0)

    init(_ configure: (inout HTTPServerConfiguration) -> Void) throws {
        var configuration = HTTPServerConfiguration(port: 0, loopbackOnly: true)
        configure(&configuration)
        metrics = MetricsRegistry()
        server = try HTTPServer(
            configuration: configuration, router: slowClientRouter(metrics: metrics, echoed: echoed),
            logger: Logger(minimumLevel: .error), metrics: metrics)
        client = TestHTTPClient(port: server.port)
    }

    func cuts(_ reason: String) -> Double {
        metrics.counter("http_connections_cut_total", help: "", labels: ["reason": reason]).value
    }

    var openConnections: Double {
        metrics.gauge("http_connections_open", help: "").value
    }
}

/// Requests `/health` on a fresh connection each time, from its own thread, until told to stop.
// @unchecked: the figures are only touched under `lock`.
private final class FastClient: @unchecked Sendable {
    private let lock = NSLock()
    private var latencies: [Double] = []
    private var failures: [String] = []
    private var stopping = false
    private let done = DispatchSemaphore(value: 0)

    init(port: UInt16, maxRequests: Int = 5_000) {
        let client = TestHTTPClient(port: port)
        Thread { [self] in
            for _ in 0..<maxRequests {
                if lock.withLock({ stopping }) { break }
                let started = monotonicSeconds()
                var failure: String?
                do {
                    let response = try client.send("GET", "/health")
                    if response.status != 200 { failure = "status \(response.status)" }
                } catch {
                    failure = "\(error)"
                }
                let seconds = monotonicSeconds() - started
                lock.withLock {
                    latencies.append(seconds)
                    if let failure { failures.append(failure) }
                }
                usleep(5_000)
            }
            done.signal()
        }.start()
    }

    /// Stops, and returns the latencies in seconds (sorted) and the failures.
    func finish() -> (latencies: [Double], failures: [String]) {
        lock.withLock { stopping = true }
        done.wait()
        return lock.withLock { (latencies.sorted(), failures) }
    }
}

private func percentile(_ sorted: [Double], _ share: Double) -> Double {
    guard !sorted.isEmpty else { return .infinity }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * share).rounded(.up)) - 1)]
}

/// Header bytes that never finish a request within the tests' time.
private let endlessHeader = Array(
    ("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + String(repeating: "a", count: 200)).utf8)

@Suite(.serialized) struct SlowClientTests {
    @Test func slowHeaderClientsAreCutAtTheDeadlineWhileAFastClientIsServed() throws {
        let deadline = 1.0
        let served = try SlowClientServer {
            $0.headerDeadlineSeconds = deadline
            $0.connectionsPerAddress = 0
        }
        defer { served.server.stop() }
        let slow = try (0..<200).map { _ in try TrickleSocket(port: served.server.port) }
        let fast = FastClient(port: served.server.port)
        // A header byte every 200 ms from each slow client, for at most deadline + 2 s.
        let giveUp = monotonicSeconds() + deadline + 2
        var sentBytes = 0
        while slow.contains(where: { !$0.isClosed }), monotonicSeconds() < giveUp {
            for socket in slow { socket.send([endlessHeader[sentBytes % endlessHeader.count]]) }
            sentBytes += 1
            let tick = monotonicSeconds() + 0.2
            while monotonicSeconds() < tick { TrickleSocket.wait(slow, seconds: tick - monotonicSeconds()) }
        }
        // The fast client keeps going a little while after the last cut.
        usleep(300_000)
        let (latencies, failures) = fast.finish()

        let lifetimes = slow.compactMap { socket in socket.closedAt.map { $0 - socket.openedAt } }.sorted()
        #expect(lifetimes.count == 200, "every slow client is cut")
        #expect(
            (lifetimes.first ?? 0) >= deadline - 0.05, "none before the deadline: \(lifetimes.first ?? 0)")
        #expect((lifetimes.last ?? .infinity) <= deadline + 0.5, "none long after it: \(lifetimes.last ?? 0)")
        #expect(served.cuts("header_deadline") == 200)
        #expect(failures.isEmpty, "fast client failures: \(failures.prefix(3))")
        #expect(latencies.count >= 50, "fast client requests: \(latencies.count)")
        let p99 = percentile(latencies, 0.99)
        print(
            "slow clients: 200 cut \(lifetimes.first ?? 0)–\(lifetimes.last ?? 0) s after connecting"
                + " (deadline \(deadline) s); fast client p99 \(p99 * 1000) ms over \(latencies.count) requests"
        )
        #expect(p99 < 0.05, "fast client p99 \(p99 * 1000) ms over \(latencies.count) requests")
    }

    @Test func slowBodyIsCutAtTheBodyDeadlineCountedFromTheHeaders() throws {
        let served = try SlowClientServer {
            $0.headerDeadlineSeconds = 1
            $0.bodyDeadlineSeconds = 2
        }
        defer { served.server.stop() }
        let socket = try TrickleSocket(port: served.server.port)
        // Headers complete at 0.5 s; the body then trickles in a byte every 200 ms.
        usleep(500_000)
        socket.send(Array("POST /api/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n".utf8))
        let giveUp = monotonicSeconds() + 4
        while !socket.isClosed, monotonicSeconds() < giveUp {
            socket.send([0x61])
            TrickleSocket.wait([socket], seconds: 0.2)
        }
        let lifetime = try #require(socket.closedAt) - socket.openedAt
        #expect(lifetime >= 2.45 && lifetime <= 3.0, "cut \(lifetime) s after connecting")
        #expect(served.cuts("body_deadline") == 1)
        #expect(served.cuts("header_deadline") == 0)
        #expect(served.echoed.withLock { $0 } == 0, "the handler never ran")
    }

    @Test func keepAliveConnectionIsCutAtTheHeaderDeadlineAfterItsLastResponse() throws {
        let served = try SlowClientServer { $0.headerDeadlineSeconds = 1 }
        defer { served.server.stop() }
        let socket = try TrickleSocket(port: served.server.port)
        usleep(700_000)
        socket.send(Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
        var answeredAt: Double?
        let giveUp = monotonicSeconds() + 4
        while !socket.isClosed, monotonicSeconds() < giveUp {
            TrickleSocket.wait([socket], seconds: 0.05)
            if answeredAt == nil, String(decoding: socket.received, as: UTF8.self).contains("\"ok\"") {
                answeredAt = monotonicSeconds()
            }
        }
        let response = try TestHTTPClient.parse(socket.received)
        #expect(response.status == 200)
        let idle = try #require(socket.closedAt) - #require(answeredAt)
        #expect(idle >= 0.9 && idle <= 1.5, "cut \(idle) s after the response")
    }

    @Test func connectionsPastThePerAddressLimitAreRefused() throws {
        let served = try SlowClientServer { $0.connectionsPerAddress = 4 }
        defer { served.server.stop() }
        let held = try (0..<4).map { _ in try TrickleSocket(port: served.server.port) }
        let excess = try TrickleSocket(port: served.server.port)
        TrickleSocket.wait([excess], seconds: 2)
        #expect(excess.isClosed, "the fifth connection from one address is closed")
        TrickleSocket.wait(held, seconds: 0.3)
        #expect(held.allSatisfy { !$0.isClosed }, "the first four stay open")
        // One of the four is served; once another leaves, a new connection gets in.
        held[0].send(Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
        let giveUp = monotonicSeconds() + 3
        while !held[0].isClosed, monotonicSeconds() < giveUp {
            TrickleSocket.wait([held[0]], seconds: 0.1)
        }
        #expect(try TestHTTPClient.parse(held[0].received).status == 200)
        var status: Int?
        for _ in 0..<20 where status == nil {
            status = try? served.client.send("GET", "/health").status
            if status == nil { usleep(100_000) }
        }
        #expect(status == 200)
    }

    @Test func slowSocketsFillingTheConnectionLimitDoNotKeepAFastClientOut() throws {
        let served = try SlowClientServer {
            $0.connectionLimit = 32
            $0.connectionsPerAddress = 0
            $0.headerDeadlineSeconds = 30
        }
        defer { served.server.stop() }
        let slow = try (0..<40).map { _ in try TrickleSocket(port: served.server.port) }
        for socket in slow { socket.send(Array(endlessHeader.prefix(4))) }
        TrickleSocket.wait(slow, seconds: 0.5)
        var latencies: [Double] = []
        for _ in 0..<20 {
            let started = monotonicSeconds()
            let response = try served.client.send("GET", "/health")
            latencies.append(monotonicSeconds() - started)
            #expect(response.status == 200)
            for socket in slow { socket.send([0x61]) }
            TrickleSocket.wait(slow, seconds: 0.02)
        }
        latencies.sort()
        TrickleSocket.wait(slow, seconds: 0.1)
        #expect(percentile(latencies, 1) < 0.2, "slowest fast request \(percentile(latencies, 1) * 1000) ms")
        #expect(served.cuts("crowded") >= 9, "the oldest waiting sockets made room")
        #expect(served.cuts("header_deadline") == 0)
        #expect(served.openConnections <= 32)
        #expect(slow.filter { !$0.isClosed }.count >= 20, "only as many cut as needed")
    }

    @Test func runningHandlersAndStreamedResponsesOutliveTheDeadlines() throws {
        let served = try SlowClientServer {
            $0.headerDeadlineSeconds = 0.5
            $0.bodyDeadlineSeconds = 0.5
        }
        defer { served.server.stop() }
        let started = monotonicSeconds()
        let slow = try served.client.send("GET", "/slow")
        #expect(slow.status == 200)
        #expect(slow.text == "done")
        #expect(monotonicSeconds() - started >= 1.4)
        let streamStarted = monotonicSeconds()
        let ticks = try served.client.send("GET", "/ticks")
        #expect(ticks.status == 200)
        #expect(ticks.text.contains("tick 1\n") && ticks.text.contains("tick 8\n"), "\(ticks.text)")
        #expect(monotonicSeconds() - streamStarted >= 1.9)
        #expect(served.cuts("header_deadline") + served.cuts("body_deadline") == 0)
    }

    @Test func crowdedServerCutsTheLongestWaitingConnectionsFirst() throws {
        let connections = OpenConnections(
            headerDeadlineSeconds: 100, bodyDeadlineSeconds: 100, connectionLimit: 16,
            metrics: MetricsRegistry())
        #expect(connections.crowdedAbove == 15)
        var pairs: [(server: Int32, client: Int32)] = []
        defer {
            for pair in pairs {
                close(pair.server)
                close(pair.client)
            }
        }
        func connection(_ index: Int) -> OpaquePointer { OpaquePointer(bitPattern: 0x1000 + index * 16)! }
        for index in 0..<17 {
            var ends: [Int32] = [0, 0]
            #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
            pairs.append((ends[0], ends[1]))
            if index < 15 {
                connections.started(connection(index), descriptor: ends[0], now: UInt64(index + 1))
            }
        }
        connections.responding(connection(0), now: 100)  // a handler runs: never cut
        connections.headersReceived(connection(1), now: 101)  // waits for a body: cut after waiting ones
        connections.started(connection(15), descriptor: pairs[15].server, now: 200)
        connections.started(connection(16), descriptor: pairs[16].server, now: 201)
        let cut = (0..<17).filter { connections.phase(of: connection($0)) == .closing }
        #expect(cut == [2, 3])
        var byte: UInt8 = 0
        #expect(recv(pairs[2].client, &byte, 1, Int32(MSG_DONTWAIT)) == 0, "the cut one sees end of file")
        #expect(recv(pairs[4].client, &byte, 1, Int32(MSG_DONTWAIT)) == -1, "the others stay open")
        connections.closed(connection(2))
        connections.closed(connection(3))
        #expect(connections.phase(of: connection(2)) == nil)
        connections.sweep(now: 300)
        #expect((0..<17).filter { connections.phase(of: connection($0)) == .closing }.isEmpty)
        // A sweep whose clock was read before a connection's phase began leaves it alone.
        connections.sweep(now: 100)
        #expect(connections.phase(of: connection(15)) == .awaitingHeaders)
        // With every place busy, a connection past the limit is the one cut.
        for index in [1] + Array(4..<17) { connections.responding(connection(index), now: 400) }
        connections.started(connection(2), descriptor: pairs[2].server, now: 500)
        #expect(connections.phase(of: connection(2)) == .awaitingHeaders, "the sixteenth place is free")
        connections.responding(connection(2), now: 501)
        connections.started(connection(3), descriptor: pairs[3].server, now: 502)
        #expect(connections.phase(of: connection(3)) == .closing, "the seventeenth is refused")
        #expect((0..<3).allSatisfy { connections.phase(of: connection($0)) == .responding })
    }

    @Test func configurationReadsTheSlowClientLimitsFromTheEnvironment() throws {
        let base = ["DATABASE_URL": "postgresql:///x"]
        let defaults = try AppConfiguration.fromEnvironment(base)
        #expect(defaults.maxConnectionsPerAddress == 512)
        #expect(defaults.headerDeadlineSeconds == 10)
        #expect(defaults.bodyDeadlineSeconds == 30)
        let set = try AppConfiguration.fromEnvironment(
            base.merging(
                [
                    "CHATLEDGER_MAX_CONNECTIONS_PER_ADDRESS": "0",
                    "CHATLEDGER_HEADER_DEADLINE_SECONDS": "2.5",
                    "CHATLEDGER_BODY_DEADLINE_SECONDS": "60",
                ], uniquingKeysWith: { $1 }))
        #expect(set.maxConnectionsPerAddress == 0)
        #expect(set.headerDeadlineSeconds == 2.5)
        #expect(set.bodyDeadlineSeconds == 60)
        for (name, value) in [
            ("CHATLEDGER_HEADER_DEADLINE_SECONDS", "0"), ("CHATLEDGER_BODY_DEADLINE_SECONDS", "nan"),
            ("CHATLEDGER_MAX_CONNECTIONS_PER_ADDRESS", "-1"),
        ] {
            #expect(throws: APIError.self) {
                try AppConfiguration.fromEnvironment(base.merging([name: value], uniquingKeysWith: { $1 }))
            }
        }
    }
}
