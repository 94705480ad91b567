import EventStore
import Foundation
import Projections

/// The running application: event log, read models, command pipeline, routes and server.
public final class ChatLedgerApp: Sendable {
    public let services: AppServices
    public let server: HTTPServer

    /// Opens the log under the data directory, runs the read-model migrations and serves.
    public convenience init(
        configuration: AppConfiguration, environment: [String: String], logger: Logger,
        hasher: PasswordHasher = .standard, durability: Durability = .fsync, loopbackOnly: Bool = false
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
        let services = AppServices(
            store: store, pipeline: CommandPipeline(store: store, projection: nil, metrics: metrics),
            readModel: ReadModel(database: database), signer: JWTSigner(secret: secrets.jwtSecret),
            hasher: hasher,
            loginLimiter: LoginRateLimiter(), secretBox: try SecretBox(key: secrets.masterKey),
            metrics: metrics,
            logger: logger)
        try self.init(
            services: services,
            server: HTTPServerConfiguration(
                port: configuration.port, loopbackOnly: loopbackOnly,
                threadPoolSize: configuration.httpThreads))
    }

    /// Serves `services` with the full route table.
    public init(services: AppServices, server configuration: HTTPServerConfiguration) throws {
        self.services = services
        let router = try ChatLedgerApp.routes(services)
        server = try HTTPServer(
            configuration: configuration, router: router, logger: services.logger, metrics: services.metrics)
    }

    /// Every route of the API.
    public static func routes(_ services: AppServices) throws -> Router {
        var router = Router()
        router.addOperationalRoutes(metrics: services.metrics)
        try AuthRoutes(services: services).register(into: &router)
        return router
    }

    /// Stops serving.
    public func stop() {
        server.stop()
    }
}
