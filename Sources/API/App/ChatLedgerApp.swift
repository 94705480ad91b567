import EventStore
import Foundation
import Projections

/// The running application: event log, read models, projector, command pipeline, routes and
/// server.
public final class ChatLedgerApp: Sendable {
    public let services: AppServices
    public let server: HTTPServer
    /// The in-process projector feeding the read models (nil when built without one).
    public let projector: Projector?
    /// Channels, webhooks, message sends and the outbound dispatcher (nil when built without them).
    public let messaging: MessagingRuntime?

    /// Opens the log under the data directory, runs the read-model migrations, starts the
    /// projector and (unless `dispatch` is false) the outbound dispatcher, and serves.
    public convenience init(
        configuration: AppConfiguration, environment: [String: String], logger: Logger,
        hasher: PasswordHasher = .standard, durability: Durability = .fsync, loopbackOnly: Bool = false,
        dispatch: Bool = true
    ) throws {
        let secrets = try ServerSecrets.load(
            environment: environment, dataDirectory: configuration.dataDirectory)
        let store = try EventStore(
            options: EventStoreOptions(path: configuration.eventLogPath, durability: durability))
        let database = try Database(url: configuration.databaseURL)
        let applied = try Migrator(database: database).migrate()
        logger.info(
            "read-model migrations applied", ["versions": .array(applied.map { .number(Double($0)) })])
        let metrics = MetricsRegistry()
        let projector = Projector(store: store, database: database) { hold in
            logger.error(
                "projection holds a tenant",
                [
                    "tenant": .string(hold.tenant.lowercasedString),
                    "position": .number(Double(hold.position)),
                    "error": .string(hold.error), "attempts": .number(Double(hold.attempts)),
                ])
            metrics.counter(
                "projection_holds_total", help: "Tenants held out of the projection by a failing event"
            )
            .increment()
        }
        projector.start()
        let services = AppServices(
            store: store, pipeline: CommandPipeline(store: store, projection: projector, metrics: metrics),
            readModel: ReadModel(database: database), signer: JWTSigner(secret: secrets.jwtSecret),
            hasher: hasher,
            loginLimiter: LoginRateLimiter(), secretBox: try SecretBox(key: secrets.masterKey),
            metrics: metrics,
            logger: logger, phoneIndexKey: secrets.phoneIndexKey)
        do {
            let messaging = try MessagingRuntime(app: services)
            try self.init(
                services: services, projector: projector, messaging: messaging, dispatch: dispatch,
                eventStreamKeepAliveSeconds: configuration.eventStreamKeepAliveSeconds,
                server: HTTPServerConfiguration(
                    port: configuration.port, loopbackOnly: loopbackOnly,
                    connectionLimit: configuration.maxConnections,
                    connectionsPerAddress: configuration.maxConnectionsPerAddress,
                    headerDeadlineSeconds: configuration.headerDeadlineSeconds,
                    bodyDeadlineSeconds: configuration.bodyDeadlineSeconds))
        } catch {
            projector.stop()
            throw error
        }
    }

    /// Serves `services` with the full route table; `projector` (already started) is stopped
    /// with the app, and `messaging`'s dispatcher runs while the app does when `dispatch` is true.
    public init(
        services: AppServices, projector: Projector?, messaging: MessagingRuntime? = nil,
        dispatch: Bool = true, eventStreamKeepAliveSeconds: Double = 15,
        server configuration: HTTPServerConfiguration
    ) throws {
        self.services = services
        self.projector = projector
        self.messaging = messaging
        var router = try ChatLedgerApp.routes(services)
        messaging?.register(into: &router)
        ReadinessRoute(services: services, projector: projector).register(into: &router)
        EventStreamRoute(services: services, keepAliveSeconds: eventStreamKeepAliveSeconds).register(
            into: &router)
        // Last: the outline lists every route registered before it.
        OpenAPIRoute.register(into: &router)
        server = try HTTPServer(
            configuration: configuration, router: router, logger: services.logger, metrics: services.metrics)
        if dispatch { messaging?.start() }
    }

    /// Every route of the API.
    public static func routes(_ services: AppServices) throws -> Router {
        var router = Router()
        router.addOperationalRoutes(metrics: services.metrics)
        try AuthRoutes(services: services).register(into: &router)
        ConversationReadRoutes(services: services).register(into: &router)
        ConversationCommandRoutes(services: services).register(into: &router)
        DepartmentRoutes(services: services).register(into: &router)
        TagRoutes(services: services).register(into: &router)
        AuditRoutes(services: services).register(into: &router)
        StatsReadRoutes(services: services).register(into: &router)
        return router
    }

    /// Stops serving, then the dispatcher and the projector.
    public func stop() {
        server.stop()
        messaging?.stop()
        projector?.stop()
    }
}
