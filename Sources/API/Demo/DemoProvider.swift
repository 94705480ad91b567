import Foundation

/// A local stand-in for the WhatsApp Cloud API: accepts sends, answers a wamid, and later
/// reports `delivered` then `read` through the app's signed status webhook, as Meta does.
final class DemoProvider: Sendable {
    let server: HTTPServer
    private let app: DemoHTTPClient
    private let appSecret: [UInt8]
    private let phoneNumberId: String

    init(app: DemoHTTPClient, appSecret: String, phoneNumberId: String, logger: Logger) throws {
        self.app = app
        self.appSecret = Array(appSecret.utf8)
        self.phoneNumberId = phoneNumberId
        let box = Box()
        var router = Router()
        router.add("POST", "/:version/:number/messages") { request in try box.provider!.accept(request) }
        server = try HTTPServer(
            configuration: HTTPServerConfiguration(port: 0, loopbackOnly: true, threadPoolSize: 4),
            router: router,
            logger: Logger(minimumLevel: .warning))
        box.provider = self
        logger.info("demo provider listening", ["port": .number(Double(server.port))])
    }

    var baseURL: String { "http://127.0.0.1:\(server.port)" }

    private func accept(_ request: Request) throws -> Response {
        let body = try JSONCoding.decode([String: JSONValue].self, from: request.body)
        guard case .string(let recipient) = body["to"] else {
            throw APIError.validation(field: "to", "to is required")
        }
        let wamid = "wamid.DEMO-" + UUIDv7.generate().uuidString.lowercased()
        let statuses = [("delivered", 0.4), ("read", 1.5)]
        for (status, delay) in statuses {
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) {
                self.report(status, wamid: wamid, recipient: recipient)
            }
        }
        return Response.json(
            .object([
                "messaging_product": "whatsapp", "contacts": .array([.object(["wa_id": .string(recipient)])]),
                "messages": .array([.object(["id": .string(wamid)])]),
            ]))
    }

    private func report(_ status: String, wamid: String, recipient: String) {
        let body = DemoWebhook.status(
            phoneNumberId: phoneNumberId, wamid: wamid, status: status, recipient: recipient)
        app.send(
            "POST", "/webhooks/whatsapp",
            headers: ["X-Hub-Signature-256": WebhookSignature.sign(body: body, secret: appSecret)], body: body
        )
    }

    /// Lets the router reach the provider built after it.
    private final class Box: @unchecked Sendable {
        // @unchecked: set once, before the server answers any request.
        var provider: DemoProvider?
    }
}
