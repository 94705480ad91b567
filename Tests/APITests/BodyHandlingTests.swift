import Foundation
import Testing

@testable import API

private func bodyRouter() -> Router {
    var router = Router()
    router.add("POST", "/probe") { request in
        struct Probe: Decodable {
            let name: String
            let count: Int
            let tags: [String]
        }
        let probe = try request.decode(Probe.self)
        return Response.json(.object(["name": .string(probe.name), "count": .number(Double(probe.count))]))
    }
    router.add("POST", "/api/echo") { request in Response.text("received \(request.body.count)") }
    router.add("POST", "/webhooks/whatsapp", bodyLimit: 3 << 20) { request in
        Response.text("received \(request.body.count)")
    }
    return router
}

@Suite struct BodyHandlingTests {
    @Test func announcedOversizedBodyIsRefusedBeforeItIsSent() throws {
        let (server, client) = try TestServer.start(bodyRouter())
        defer { server.stop() }
        // Only the headers go out: the 413 must come without the server waiting for the body.
        let head = "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(5 << 20)\r\n\r\n"
        let response = try client.exchange(Array(head.utf8))
        #expect(response.status == 413)
        #expect(response.errorCode == "ERR_PAYLOAD_TOO_LARGE")
        #expect(response.header("X-Request-Id") != nil)
    }

    @Test func chunkedBodyPastTheLimitIs413() throws {
        let (server, client) = try TestServer.start(bodyRouter())
        defer { server.stop() }
        var bytes = Array(
            "POST /api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                .utf8)
        let chunk = [UInt8](repeating: 0x61, count: 256 * 1024)
        for _ in 0..<5 {
            bytes += Array((String(chunk.count, radix: 16) + "\r\n").utf8) + chunk + Array("\r\n".utf8)
        }
        bytes += Array("0\r\n\r\n".utf8)
        let response = try client.exchange(bytes)
        #expect(response.status == 413)
        #expect(response.errorCode == "ERR_PAYLOAD_TOO_LARGE")
    }

    @Test func bodyAtTheDefaultLimitIsAccepted() throws {
        let (server, client) = try TestServer.start(bodyRouter())
        defer { server.stop() }
        let response = try client.send("POST", "/api/echo", body: [UInt8](repeating: 0x20, count: 1 << 20))
        #expect(response.status == 200)
        #expect(response.text == "received \(1 << 20)")
    }

    @Test func webhookRoutesAcceptUpToThreeMebibytes() throws {
        let (server, client) = try TestServer.start(bodyRouter())
        defer { server.stop() }
        let accepted = try client.send(
            "POST", "/webhooks/whatsapp", body: [UInt8](repeating: 0x20, count: 2 << 20))
        #expect(accepted.status == 200)
        #expect(accepted.text == "received \(2 << 20)")
        // The same size elsewhere is refused from its Content-Length, before any body is read
        // (sending the body too would race the server's early answer and close).
        let refused = try client.exchange(
            Array(
                "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(2 << 20)\r\nConnection: close\r\n\r\n"
                    .utf8))
        #expect(refused.status == 413)
    }

    @Test func malformedJSONIs400NamingTheBody() throws {
        let (server, client) = try TestServer.start(bodyRouter())
        defer { server.stop() }
        let response = try client.sendJSON("POST", "/probe", json: #"{"name": "x", "count": "#)
        #expect(response.status == 400)
        #expect(response.errorCode == "ERR_VALIDATION")
        #expect(response.errorField == "body")
    }

    @Test func wrongTypeIs400NamingTheField() throws {
        let (server, client) = try TestServer.start(bodyRouter())
        defer { server.stop() }
        let response = try client.sendJSON(
            "POST", "/probe", json: #"{"name": "x", "count": "three", "tags": []}"#)
        #expect(response.status == 400)
        #expect(response.errorField == "count")
        let nested = try client.sendJSON(
            "POST", "/probe", json: #"{"name": "x", "count": 3, "tags": ["a", 7]}"#)
        #expect(nested.errorField == "tags[1]")
    }

    @Test func missingFieldIs400NamingIt() throws {
        let (server, client) = try TestServer.start(bodyRouter())
        defer { server.stop() }
        let response = try client.sendJSON("POST", "/probe", json: #"{"name": "x", "tags": []}"#)
        #expect(response.status == 400)
        #expect(response.errorField == "count")
    }

    @Test func invalidUTF8Is400() throws {
        let (server, client) = try TestServer.start(bodyRouter())
        defer { server.stop() }
        let body: [UInt8] =
            Array(#"{"name": ""#.utf8) + [0xC3, 0x28] + Array(#"", "count": 1, "tags": []}"#.utf8)
        let response = try client.send(
            "POST", "/probe", headers: ["Content-Type": "application/json"], body: body)
        #expect(response.status == 400)
        #expect(response.errorField == "body")
        #expect(response.text.contains("UTF-8"))
    }

    @Test func validBodyIsDecoded() throws {
        let (server, client) = try TestServer.start(bodyRouter())
        defer { server.stop() }
        let response = try client.sendJSON(
            "POST", "/probe", json: #"{"name": "Olá", "count": 3, "tags": ["a"]}"#)
        #expect(response.status == 200)
        #expect(response.object["name"] as? String == "Olá")
        #expect(response.object["count"] as? Int == 3)
    }
}
