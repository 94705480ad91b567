import Foundation
import Synchronization

@testable import API

/// A fake WhatsApp Cloud API on loopback, served by the project's own HTTP server: records
/// every send and answers from a script (failures first, then success).
final class FakeProvider: Sendable {
    struct Call: Sendable {
        let authorization: String?
        let body: [String: JSONValue]
    }

    private let calls = Mutex<[Call]>([])
    /// Answers for the next calls, in order; when empty, success.
    private let script = Mutex<[Response]>([])
    /// Recipients whose sends always fail with WhatsApp 131026 (undeliverable).
    private let undeliverable: Set<String>
    let server: HTTPServer

    init(undeliverable: Set<String> = []) throws {
        self.undeliverable = undeliverable
        let box = Box()
        var router = Router()
        router.add("POST", "/v21.0/:number/messages") { request in try box.provider!.answer(request) }
        server = try HTTPServer(
            configuration: HTTPServerConfiguration(port: 0, loopbackOnly: true, threadPoolSize: 2),
            router: router,
            logger: Logger(minimumLevel: .error))
        box.provider = self
    }

    var baseURL: String { "http://127.0.0.1:\(server.port)" }

    var recorded: [Call] { calls.withLock { $0 } }

    /// Makes the next sends fail with HTTP 500 and a retryable WhatsApp error.
    func failNext(_ count: Int) {
        let failure = Response.json(
            .object(["error": .object(["code": 131000, "message": "Something went wrong"])]), status: 500)
        script.withLock { $0 += Array(repeating: failure, count: count) }
    }

    private func answer(_ request: Request) throws -> Response {
        let body = try JSONCoding.decode([String: JSONValue].self, from: request.body)
        let index = calls.withLock { calls in
            calls.append(Call(authorization: request.header("Authorization"), body: body))
            return calls.count
        }
        if case .string(let to) = body["to"], undeliverable.contains(to) {
            return Response.json(
                .object([
                    "error": .object([
                        "code": 131026, "message": "Message undeliverable",
                        "error_data": .object(["details": "Recipient blocked"]),
                    ])
                ]), status: 400)
        }
        if let scripted = script.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { return scripted }
        return Response.json(
            .object([
                "messaging_product": "whatsapp",
                "messages": .array([.object(["id": .string("wamid.OUT-\(index)")])]),
            ]))
    }

    /// Lets the router reach the provider built after it.
    private final class Box: @unchecked Sendable {
        // @unchecked: set once, before the server answers any request.
        var provider: FakeProvider?
    }
}
