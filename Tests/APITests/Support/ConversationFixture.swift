import Domain
import EventStore
import Foundation
import Projections

@testable import API

/// A real server with the conversation routes: LMDB log in a temporary directory, a fresh
/// PostgreSQL database from `DATABASE_URL`, a running projector; all removed afterwards.
struct ConversationFixture {
    let services: AppServices
    let projector: Projector
    let client: TestHTTPClient

    static func with<T>(_ body: (ConversationFixture) throws -> T) throws -> T {
        let name = "conv_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        let admin = try Database(url: TestApp.baseURL, maxConnections: 1)
        try admin.withConnection { _ = try $0.execute("CREATE DATABASE \(name)") }
        let (store, path) = try TemporaryStore.open()
        let database = try Database(
            url: try DatabaseURL.replacingDatabase(in: TestApp.baseURL, with: String(name)), maxConnections: 8
        )
        defer {
            database.closeIdle()
            try? FileManager.default.removeItem(atPath: path)
            _ = try? admin.withConnection { try $0.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
        try Migrator(database: database).migrate()
        let projector = Projector(store: store, database: database)
        projector.start()
        defer { projector.stop() }
        let metrics = MetricsRegistry()
        let masterKey = [UInt8](repeating: 7, count: SecretBox.keyLength)
        let services = AppServices(
            store: store, pipeline: CommandPipeline(store: store, projection: projector, metrics: metrics),
            readModel: ReadModel(database: database),
            signer: JWTSigner(secret: Array("test-secret-test-secret".utf8)),
            hasher: .minimum, loginLimiter: LoginRateLimiter(), secretBox: try SecretBox(key: masterKey),
            metrics: metrics, logger: Logger(minimumLevel: .error),
            phoneIndexKey: ServerSecrets(jwtSecret: [], masterKey: masterKey).phoneIndexKey)
        // The app's own route table; the projector above is stopped by this fixture.
        let app = try ChatLedgerApp(
            services: services, projector: projector,
            server: HTTPServerConfiguration(port: 0, loopbackOnly: true))
        defer { app.server.stop() }
        return try body(
            ConversationFixture(
                services: services, projector: projector, client: TestHTTPClient(port: app.server.port)))
    }

    /// Registers a tenant with its admin.
    func register(slug: String) throws -> Session {
        let response = try client.sendJSON(
            "POST", "/auth/register",
            json: """
                {"tenantName": "Hotel \(slug)", "tenantSlug": "\(slug)", "userName": "Admin \(slug)",
                 "email": "admin@\(slug).com", "password": "senha123"}
                """)
        guard response.status == 201, let token = response.token,
            let tenant = UUID(uuidString: response.tenant["id"] as? String ?? ""),
            let user = UUID(uuidString: response.user["id"] as? String ?? "")
        else { throw FixtureError.unexpected(response.status, response.text) }
        return Session(token: token, tenantId: tenant, userId: user)
    }

    /// Creates a user of `session`'s tenant and logs them in.
    func createUser(_ session: Session, name: String, role: String = "AGENT") throws -> Session {
        let email = name.lowercased() + "@" + session.tenantId.lowercasedString.prefix(8) + ".com"
        let created = try send(
            session, "POST", "/auth/users",
            json: #"{"name": "\#(name)", "email": "\#(email)", "password": "senha123", "role": "\#(role)"}"#)
        guard created.status == 201 else { throw FixtureError.unexpected(created.status, created.text) }
        let login = try client.sendJSON(
            "POST", "/auth/login", json: #"{"email": "\#(email)", "password": "senha123"}"#)
        guard login.status == 200, let token = login.token,
            let user = UUID(uuidString: login.user["id"] as? String ?? "")
        else { throw FixtureError.unexpected(login.status, login.text) }
        return Session(token: token, tenantId: session.tenantId, userId: user)
    }

    func send(
        _ session: Session, _ method: String, _ path: String, json: String? = nil,
        headers: [String: String] = [:]
    ) throws -> TestResponse {
        var all = headers
        all["Authorization"] = "Bearer \(session.token)"
        if let json { return try client.sendJSON(method, path, json: json, headers: all) }
        return try client.send(method, path, headers: all)
    }

    /// Opens a conversation to `phone` through `POST /api/conversations`; returns its id.
    func open(_ session: Session, phone: String, name: String = "João Silva") throws -> String {
        let response = try send(
            session, "POST", "/api/conversations", json: #"{"phoneNumber": "\#(phone)", "name": "\#(name)"}"#)
        guard response.status == 201, let id = response.object["id"] as? String else {
            throw FixtureError.unexpected(response.status, response.text)
        }
        return id
    }

    /// Appends an inbound text message to a conversation through the pipeline (as a webhook
    /// would) and waits for the projector; returns the message id.
    @discardableResult
    func receive(_ conversationId: String, text: String, at timestamp: Int64) throws -> UUID {
        let id = try requireUUID(conversationId)
        let pipeline = services.pipeline
        var messageId = UUID()
        let outcome = try pipeline.execute(CommandContext(actor: "test", correlationId: nil)) {
            let loaded = try pipeline.load(Streams.conversation(id))
            guard let state = loaded.fold(Conversation.evolve) else {
                throw FixtureError.unexpected(404, "no conversation")
            }
            let message = InboundMessage(
                provider: .meta, wamid: "wamid.\(UUID().uuidString)", from: "5511999999999", type: .text,
                timestamp: timestamp, content: InboundContent(text: text))
            messageId = message.messageId
            let decision = try Conversation.decide(.receive(message), state: state, now: timestamp)
            return try CommandPlan(
                decision: decision, tenant: state.tenantId, loaded: loaded, store: services.store)
        }
        _ = pipeline.waitForProjection(outcome)
        return messageId
    }
}

/// A logged-in user.
struct Session {
    let token: String
    let tenantId: UUID
    let userId: UUID
}

enum FixtureError: Error {
    case unexpected(Int, String)
}

func requireUUID(_ text: String) throws -> UUID {
    guard let id = UUID(uuidString: text) else { throw FixtureError.unexpected(0, "not a UUID: \(text)") }
    return id
}
