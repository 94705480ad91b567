import Domain
import EventStore
import Foundation
import Projections

@testable import API

/// The waiting side of read-your-writes, backed by the real projector.
struct ProjectorProgress: ProjectionProgress {
    let projector: Projector

    func waitUntil(position: UInt64, timeout: Double) -> Bool {
        projector.waitUntil(position: position, timeout: timeout)
    }
}

/// A whole messaging stack for one test: a real LMDB log in a temporary directory, a fresh
/// migrated Postgres database from `DATABASE_URL`, the projector, the channel directory, the
/// dispatcher, the fake provider and a real HTTP server on a free loopback port.
final class MessagingHarness {
    let store: EventStore
    let storePath: String
    let databaseName: String
    let database: Database
    let admin: Database
    let projector: Projector
    let pipeline: CommandPipeline
    let readModel: ReadModel
    let app: AppServices
    let services: MessagingServices
    let signer = JWTSigner(secret: Array("messaging-test-secret-0123456789abcdef".utf8))
    let provider: FakeWhatsAppProvider
    let metrics = MetricsRegistry()
    private(set) var dispatcher: OutboundDispatcher
    let server: HTTPServer
    let client: TestHTTPClient
    let secretBox: SecretBox
    let dispatcherConfiguration = DispatcherConfiguration(
        workers: 2, maxAttempts: 3, baseDelay: 0.05, maxDelay: 0.2)

    static var baseURL: String {
        ProcessInfo.processInfo.environment["DATABASE_URL"]
            ?? "postgresql:///chatledger?host=/tmp&user=postgres"
    }

    init(startDispatcher: Bool = true) throws {
        (store, storePath) = try TemporaryStore.open()
        let name = "msg_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        databaseName = name
        let admin = try Database(url: Self.baseURL, maxConnections: 1)
        self.admin = admin
        try admin.withConnection { try $0.execute("CREATE DATABASE \(name)") }
        database = try Database(
            url: try DatabaseURL.replacingDatabase(in: Self.baseURL, with: name), maxConnections: 8)
        try Migrator(database: database).migrate()
        projector = Projector(store: store, database: database)
        projector.start()
        pipeline = CommandPipeline(store: store, projection: ProjectorProgress(projector: projector))
        readModel = ReadModel(database: database)
        secretBox = try SecretBox(key: Sodium.randomBytes(SecretBox.keyLength))
        let channels = try ChannelDirectory(store: store, secretBox: secretBox)
        app = AppServices(
            store: store, pipeline: pipeline, readModel: readModel, signer: signer, hasher: .minimum,
            loginLimiter: LoginRateLimiter(), secretBox: secretBox, metrics: metrics,
            logger: Logger(minimumLevel: .error),
            phoneIndexKey: ServerSecrets(jwtSecret: [1], masterKey: Array(repeating: 7, count: 32))
                .phoneIndexKey)
        services = MessagingServices(app: app, channels: channels)
        provider = try FakeWhatsAppProvider()
        dispatcher = OutboundDispatcher(
            store: store, pipeline: pipeline, channels: channels, configuration: dispatcherConfiguration,
            metrics: metrics, logger: Logger(minimumLevel: .error))
        // The app's own route table, with the messaging routes added as the app adds them.
        var router = try ChatLedgerApp.routes(app)
        router.addChannelRoutes(services)
        router.addWebhookRoutes(services)
        router.addMessageRoutes(services)
        (server, client) = try TestServer.start(router, metrics: metrics)
        if startDispatcher { dispatcher.start() }
    }

    deinit {
        dispatcher.stop()
        server.stop()
        provider.stop()
        projector.stop()
        database.closeIdle()
        _ = try? admin.withConnection {
            try $0.execute("DROP DATABASE IF EXISTS \(databaseName) WITH (FORCE)")
        }
        try? FileManager.default.removeItem(atPath: storePath)
    }

    /// A dispatcher as a restarted process would build it: fresh, reading the log from the start.
    func restartDispatcher() {
        dispatcher.stop()
        dispatcher = OutboundDispatcher(
            store: store, pipeline: pipeline, channels: services.channels,
            configuration: dispatcherConfiguration,
            metrics: metrics, logger: Logger(minimumLevel: .error))
        dispatcher.start()
    }

    var webhookURL: String { "http://127.0.0.1:\(server.port)/webhooks/whatsapp" }

    // MARK: tenants and channels

    /// Registers a tenant and its first administrator through `POST /auth/register`.
    func registerTenant(_ slug: String) throws -> TestTenant {
        let response = try client.sendJSON(
            "POST", "/auth/register",
            json: """
                {"tenantName":"Hotel \(slug)","tenantSlug":"\(slug)","userName":"Admin",\
                "email":"admin@\(slug).example","password":"senha-forte-123"}
                """)
        guard response.status == 201, let token = response.object["token"] as? String,
            let tenant = (response.object["tenant"] as? [String: Any])?["id"] as? String,
            let user = (response.object["user"] as? [String: Any])?["id"] as? String,
            let tenantId = UUID(uuidString: tenant), let userId = UUID(uuidString: user)
        else { throw HarnessError.setup("register \(slug): \(response.status) \(response.text)") }
        return TestTenant(id: tenantId, userId: userId, token: token)
    }

    /// A user of another role in the same tenant, created by its administrator, logged in.
    func user(in tenant: TestTenant, role: String) throws -> TestTenant {
        let email = "\(role.lowercased())-\(UUID().uuidString.prefix(8))@example.com"
        let created = try send(
            "POST", "/auth/users", tenant: tenant,
            json: #"{"name":"Agent","email":"\#(email)","password":"senha-forte-123","role":"\#(role)"}"#)
        guard created.status == 201 else { throw HarnessError.setup("create user: \(created.text)") }
        let login = try client.sendJSON(
            "POST", "/auth/login", json: #"{"email":"\#(email)","password":"senha-forte-123"}"#)
        guard let token = login.object["token"] as? String,
            let user = (login.object["user"] as? [String: Any])?["id"] as? String,
            let userId = UUID(uuidString: user)
        else { throw HarnessError.setup("login: \(login.text)") }
        return TestTenant(id: tenant.id, userId: userId, token: token)
    }

    /// Configures a Meta channel pointing at the fake provider.
    @discardableResult
    func configureMeta(_ tenant: TestTenant, phoneNumberId: String, appSecret: String = "app-secret") throws
        -> TestResponse
    {
        try send(
            "PUT", "/api/channels/whatsapp", tenant: tenant,
            json: """
                {"provider":"meta","phoneNumberId":"\(phoneNumberId)","displayPhoneNumber":"15550001111",\
                "appSecret":"\(appSecret)","verifyToken":"verify-\(phoneNumberId)","accessToken":"token-\(phoneNumberId)",\
                "apiBaseUrl":"\(provider.baseURL)","apiVersion":"v21.0"}
                """)
    }

    // MARK: HTTP

    func send(_ method: String, _ path: String, tenant: TestTenant, json: String? = nil) throws
        -> TestResponse
    {
        var headers = ["Authorization": "Bearer " + tenant.token]
        if json != nil { headers["Content-Type"] = "application/json" }
        return try client.send(method, path, headers: headers, body: json.map { Array($0.utf8) })
    }

    /// Posts a Meta webhook body signed with `secret` (or with the given header value).
    func postMeta(_ body: String, secret: String = "app-secret", signature: String? = nil) throws
        -> TestResponse
    {
        let bytes = Array(body.utf8)
        let header = signature ?? WebhookSignature.sign(body: bytes, secret: Array(secret.utf8))
        return try client.send(
            "POST", "/webhooks/whatsapp",
            headers: ["Content-Type": "application/json", "X-Hub-Signature-256": header], body: bytes)
    }

    // MARK: reads

    /// Waits until the read models include everything in the log.
    func caughtUp() throws {
        let head = try store.head()
        guard projector.waitUntil(position: head, timeout: 10) else {
            throw HarnessError.timeout("projection")
        }
    }

    func conversations(_ tenant: TestTenant) throws -> [ConversationListItem] {
        try caughtUp()
        return try readModel.conversations(tenant: tenant.id, filter: ConversationFilter(limit: 100)).data
    }

    func messages(_ tenant: TestTenant, conversation: String) throws -> [MessageView] {
        try caughtUp()
        return try readModel.messages(
            tenant: tenant.id, conversation: UUID(uuidString: conversation)!, limit: 100)?
            .data ?? []
    }

    /// Polls the read models (after the projector caught up) until `condition` holds.
    func eventually<T>(timeout: Double = 10, _ what: String, _ value: () throws -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let found = try value() { return found }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw HarnessError.timeout(what)
    }

    /// The projected message `id`, once `condition` holds for it.
    func message(_ tenant: TestTenant, id: String, where condition: @escaping (MessageView) -> Bool) throws
        -> MessageView
    {
        try eventually("message \(id)") {
            try caughtUp()
            return try readModel.message(tenant: tenant.id, id: UUID(uuidString: id)!).flatMap {
                condition($0) ? $0 : nil
            }
        }
    }
}

/// A tenant made by the harness, with an administrator's token.
struct TestTenant {
    let id: UUID
    let userId: UUID
    let token: String
}

enum HarnessError: Error {
    case timeout(String)
    case setup(String)
}
