import Foundation
import Testing

@testable import API

/// libmicrohttpd 0.9.75 answers these requests itself, with its own HTML and no Content-Type,
/// before any of our code sees them (docs/DESIGN.md, API). If an upgrade changes that, these
/// tests say so, and the page must say what the server answers now.
@Suite struct LibraryAnswersTests {
    private static let cases: [(name: String, request: String, status: Int)] = [
        ("malformed request line", "GET /health HTTX/1.1\r\nHost: x\r\n\r\n", 400),
        ("header line without a colon", "GET /health HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", 400),
        (
            "malformed chunk size",
            "POST /api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400
        ),
        (
            "chunk size past 64 bits",
            "POST /api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\n",
            413
        ),
        (
            "URI past the connection's memory",
            "GET /" + String(repeating: "a", count: 70_000) + " HTTP/1.1\r\n\r\n", 414
        ),
        (
            "headers past the connection's memory",
            "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 70_000) + "\r\n\r\n",
            431
        ),
        ("HTTP/2.0 request line", "GET /health HTTP/2.0\r\nHost: x\r\n\r\n", 505),
    ]

    @Test func malformedRequestsAreAnsweredByTheLibraryWithHTML() throws {
        let reached = Locked(0)
        var router = Router()
        router.add("GET", "/health") { _ in
            reached.withLock { $0 += 1 }
            return Response.text("ok")
        }
        router.add("POST", "/api/echo") { _ in
            reached.withLock { $0 += 1 }
            return Response.text("ok")
        }
        let (server, client) = try TestServer.start(router)
        defer { server.stop() }
        for (name, request, status) in Self.cases {
            let response = try client.exchange(Array(request.utf8))
            #expect(response.status == status, "\(name)")
            #expect(response.header("Content-Type") == nil, "\(name)")
            #expect(response.header("X-Request-Id") == nil, "\(name)")
            #expect(response.text.hasPrefix("<html>"), "\(name): \(response.text)")
        }
        #expect(reached.withLock { $0 } == 0)
    }

    @Test func requestLineWithoutASpaceIsClosedUnanswered() throws {
        let (server, client) = try TestServer.start(Router())
        defer { server.stop() }
        let socket = try client.connect()
        defer { close(socket) }
        try client.write(socket, Array("GARBAGE\r\n\r\n".utf8))
        var byte: UInt8 = 0
        #expect(recv(socket, &byte, 1, 0) <= 0)
    }
}
