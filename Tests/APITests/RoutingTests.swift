import Foundation
import Synchronization
import Testing

@testable import API

private struct Probe: Decodable {
    let name: String
    let count: Int
    let tags: [String]
}

private struct Boom: Error {
    let secret = "postgres password is hunter2"
}

private func probeRouter() -> Router {
    var router = Router()
    router.add("GET", "/api/conversations/:id/messages") { request in
        Response.json(
            .object([
                "id": .string(request.parameter("id")), "route": .string(request.routePattern),
                "limit": .string(request.queryValue("limit") ?? ""),
                "search": .string(request.queryValue("search") ?? ""),
            ]))
    }
    router.add("POST", "/api/conversations/:id/messages") { _ in Response(status: 201) }
    router.add("POST", "/probe") { request in
        let probe = try request.decode(Probe.self)
        return Response.json(.object(["name": .string(probe.name), "count": .number(Double(probe.count))]))
    }
    router.add("POST", "/webhooks/whatsapp", bodyLimit: 3 << 20) { request in
        Response.text("received \(request.body.count)")
    }
    router.add("GET", "/boom") { _ in throw Boom() }
    router.add("GET", "/uuid/:id") { request in Response.text(try request.uuidParameter("id").uuidString) }
    return router
}

@Suite struct RoutingTests {
    @Test func pathParametersAndQueryItemsReachTheResponder() throws {
        let (server, client) = try TestServer.start(probeRouter())
        defer { server.stop() }
        let response = try client.send(
            "GET", "/api/conversations/c-42/messages?limit=20&search=Jo%C3%A3o%20S")
        #expect(response.status == 200)
        #expect(response.object["id"] as? String == "c-42")
        #expect(response.object["route"] as? String == "/api/conversations/:id/messages")
        #expect(response.object["limit"] as? String == "20")
        #expect(response.object["search"] as? String == "João S")
    }

    @Test func unknownPathIs404WithTheStandardErrorBody() throws {
        let (server, client) = try TestServer.start(probeRouter())
        defer { server.stop() }
        let response = try client.send("GET", "/api/nothing-here")
        #expect(response.status == 404)
        #expect(response.errorCode == "ERR_NOT_FOUND")
        #expect(response.object["message"] is String)
        #expect(response.object["details"] is [String: Any])
    }

    @Test func wrongMethodOnAKnownPathIs405WithAllow() throws {
        let (server, client) = try TestServer.start(probeRouter())
        defer { server.stop() }
        let response = try client.send("DELETE", "/api/conversations/c-1/messages")
        #expect(response.status == 405)
        #expect(response.errorCode == "ERR_METHOD_NOT_ALLOWED")
        #expect(response.header("Allow") == "GET, POST")
    }

    @Test func badUUIDPathParameterIs400NamingIt() throws {
        let (server, client) = try TestServer.start(probeRouter())
        defer { server.stop() }
        let bad = try client.send("GET", "/uuid/not-a-uuid")
        #expect(bad.status == 400)
        #expect(bad.errorField == "id")
        let good = try client.send("GET", "/uuid/0190B2A3-7C4D-7E5F-8A6B-1C2D3E4F5A6B")
        #expect(good.status == 200)
    }

    @Test func unexpectedErrorIs500WithoutItsDetails() throws {
        let (server, client) = try TestServer.start(probeRouter())
        defer { server.stop() }
        let response = try client.send("GET", "/boom")
        #expect(response.status == 500)
        #expect(response.errorCode == "ERR_INTERNAL")
        #expect(!response.text.contains("hunter2"))
        #expect(!response.text.contains("Boom"))
    }

    @Test func requestIdIsEchoedWhenSaneAndGeneratedOtherwise() throws {
        let (server, client) = try TestServer.start(probeRouter())
        defer { server.stop() }
        let echoed = try client.send("GET", "/nope", headers: ["X-Request-Id": "trace-abc.123"])
        #expect(echoed.header("X-Request-Id") == "trace-abc.123")
        let replaced = try client.send("GET", "/nope", headers: ["X-Request-Id": "bad id with spaces"])
        let generated = try #require(replaced.header("X-Request-Id"))
        #expect(generated != "bad id with spaces")
        #expect(UUID(uuidString: generated) != nil)
        let fresh = try client.send("GET", "/nope")
        #expect(fresh.header("X-Request-Id") != generated)
    }

    @Test func manyConcurrentRequestsAreAllAnswered() throws {
        let (server, client) = try TestServer.start(probeRouter())
        defer { server.stop() }
        let statuses = Statuses()
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            let response = try? client.send("GET", "/api/conversations/c-\(index)/messages")
            let matches = response?.object["id"] as? String == "c-\(index)"
            statuses.record(matches ? response!.status : -1)
        }
        #expect(statuses.all == Array(repeating: 200, count: 64))
    }
}

/// Collects results from concurrent workers.
final class Statuses: Sendable {
    private let values = Mutex<[Int]>([])
    func record(_ status: Int) { values.withLock { $0.append(status) } }
    var all: [Int] { values.withLock { $0 } }
}
