import Domain
import Foundation
import Projections
import Synchronization

/// A local stand-in for the Meta Cloud API and the Evolution API, served by ChatLedger's own
/// HTTP server on loopback: it records every request, answers like the real provider (or
/// with scripted failures), and can post signed status webhooks back to ChatLedger.
public final class FakeWhatsAppProvider: Sendable {
    private struct State {
        var requests: [FakeProviderRequest] = []
        var failures: [FakeProviderFailure] = []
        var wamidByIdempotencyKey: [String: String] = [:]
        var assignedWamids: [String] = []
        var sequence = 0
    }

    private let state = Mutex(State())
    private let server = Mutex<HTTPServer?>(nil)
    /// The port it listens on (127.0.0.1).
    public let port: UInt16
    /// Whether `requests` records what arrives (tests) or memory stays flat (a long-running
    /// stand-in from the command line).
    private let keepsRequests: Bool
    /// Where accepted Meta sends get their `delivered` and `read` reports (nil: never).
    private let reportsTo: StatusReportTarget?

    /// Starts serving on `port` (0 picks a free one).
    public init(port: UInt16 = 0, keepsRequests: Bool = true, reportsTo: StatusReportTarget? = nil) throws {
        self.keepsRequests = keepsRequests
        self.reportsTo = reportsTo
        var router = Router()
        let holder = FakeProviderHandler()
        router.add("POST", "/:version/:phoneNumberId/messages") {
            try holder.provider?.answer($0, evolution: false) ?? .noContent
        }
        router.add("POST", "/message/sendText/:instance") {
            try holder.provider?.answer($0, evolution: true) ?? .noContent
        }
        router.add("POST", "/message/sendMedia/:instance") {
            try holder.provider?.answer($0, evolution: true) ?? .noContent
        }
        let started = try HTTPServer(
            configuration: HTTPServerConfiguration(port: port, loopbackOnly: true),
            router: router, logger: Logger(minimumLevel: .error))
        self.port = started.port
        server.withLock { $0 = started }
        holder.provider = self
    }

    /// `http://127.0.0.1:<port>`: the `apiBaseUrl` to configure on a channel.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in order.
    public var requests: [FakeProviderRequest] { state.withLock { $0.requests } }

    /// The next sends fail with these answers, in order; later sends succeed again.
    public func failNext(_ failures: [FakeProviderFailure]) {
        state.withLock { $0.failures += failures }
    }

    /// The next accepted sends get these message ids, in order (so a test can deliver a
    /// status webhook before the send's answer is recorded).
    public func assignWamids(_ wamids: [String]) {
        state.withLock { $0.assignedWamids += wamids }
    }

    /// Stops serving.
    public func stop() {
        let running = server.withLock { current in
            defer { current = nil }
            return current
        }
        running?.stop()
    }

    fileprivate func answer(_ request: Request, evolution: Bool) throws -> Response {
        let key = request.header("Idempotency-Key")
        let (failure, wamid) = state.withLock { state -> (FakeProviderFailure?, String) in
            if keepsRequests {
                state.requests.append(
                    FakeProviderRequest(
                        method: request.method, path: request.path, headers: request.headers,
                        body: request.body))
            }
            if !state.failures.isEmpty { return (state.failures.removeFirst(), "") }
            if let key, let known = state.wamidByIdempotencyKey[key] { return (nil, known) }
            state.sequence += 1
            let made =
                state.assignedWamids.isEmpty
                ? (evolution ? "3EB0FAKE" : "wamid.FAKE") + String(state.sequence) + "."
                    + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12)
                : state.assignedWamids.removeFirst()
            if let key { state.wamidByIdempotencyKey[key] = made }
            return (nil, made)
        }
        switch failure {
        case .metaError(let status, let code, let title, let details):
            return Response.json(
                .object([
                    "error": .object([
                        "message": .string(title), "type": "OAuthException", "code": .number(Double(code)),
                        "error_data": .object(["messaging_product": "whatsapp", "details": .string(details)]),
                        "fbtrace_id": "fake",
                    ])
                ]), status: status)
        case .httpStatus(let status):
            return Response.json(.object(["message": .string("HTTP \(status)")]), status: status)
        case nil:
            break
        }
        let body = request.bodyObject
        if evolution {
            return Response.json(
                .object([
                    "key": .object([
                        "remoteJid": .string((body?["number"].optionalString ?? "") + "@s.whatsapp.net"),
                        "fromMe": true,
                        "id": .string(wamid),
                    ]),
                    "status": "PENDING",
                ]), status: 201)
        }
        let to = body?["to"].optionalString ?? ""
        if let reportsTo { reportLater(wamid: wamid, recipient: to, to: reportsTo) }
        return Response.json(
            .object([
                "messaging_product": "whatsapp",
                "contacts": .array([.object(["input": .string(to), "wa_id": .string(to)])]),
                "messages": .array([.object(["id": .string(wamid)])]),
            ]))
    }

    /// Posts a Meta status webhook for `wamid`, signed with `appSecret`, to `url`
    /// (ChatLedger's `/webhooks/whatsapp`); returns ChatLedger's answer.
    public func postStatus(
        to url: String, appSecret: String, phoneNumberId: String, wamid: String, status: String,
        recipient: String,
        timestamp: Int64, error: (code: Int, title: String, details: String)? = nil
    ) -> ProviderReply {
        let bytes = MetaWebhookBody.status(
            phoneNumberId: phoneNumberId, wamid: wamid, status: status, recipient: recipient,
            timestamp: timestamp, error: error)
        return ProviderClient(timeoutSeconds: 10).send(
            ProviderRequest(
                url: url,
                headers: [
                    "Content-Type": "application/json",
                    "X-Hub-Signature-256": WebhookSignature.sign(body: bytes, secret: Array(appSecret.utf8)),
                ], body: bytes))
    }

    /// Reports `delivered`, then `read`, for a Meta send it accepted, as WhatsApp does a moment
    /// after the customer's phone receives and opens the message.
    private func reportLater(wamid: String, recipient: String, to target: StatusReportTarget) {
        for (status, delay) in [("delivered", 0.4), ("read", 1.5)] {
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) {
                _ = self.postStatus(
                    to: target.webhookURL, appSecret: target.appSecret, phoneNumberId: target.phoneNumberId,
                    wamid: wamid, status: status, recipient: recipient,
                    timestamp: Timestamp.nowMilliseconds() / 1000)
            }
        }
    }
}

/// Where a fake provider reports the statuses of the sends it accepts.
public struct StatusReportTarget: Sendable {
    /// ChatLedger's `POST /webhooks/whatsapp` URL.
    public let webhookURL: String
    public let appSecret: String
    public let phoneNumberId: String

    public init(webhookURL: String, appSecret: String, phoneNumberId: String) {
        self.webhookURL = webhookURL
        self.appSecret = appSecret
        self.phoneNumberId = phoneNumberId
    }
}

/// Lets the routes reach the provider that owns the server they run on.
// @unchecked Sendable: `provider` is set once, right after the server starts and before
// anyone knows its port, so no request reads it while it changes.
private final class FakeProviderHandler: @unchecked Sendable {
    weak var provider: FakeWhatsAppProvider?
}

extension Request {
    /// The body as JSON; a body that is not JSON reads as missing members.
    fileprivate var bodyObject: JSONNode? { try? JSONNode.parse(body) }
}
