import Domain
import EventStore
import Foundation
import Projections

/// What the channel, webhook and message routes share.
public struct MessagingServices: Sendable {
    public let store: EventStore
    public let pipeline: CommandPipeline
    /// Nil when no Postgres is configured (reads then answer 503).
    public let readModel: ReadModel?
    public let channels: ChannelDirectory
    public let secretBox: SecretBox
    /// Keys the contact phone index (`UniqueKeys.phone`), so it never holds a number in clear.
    public let phoneKey: [UInt8]
    /// The bearer-token step of `/api/*`.
    public let authentication: any Middleware
    public let metrics: MetricsRegistry
    public let logger: Logger
    /// Serializes webhook bodies that touch the same contacts (see `KeyedLocks`); shared by
    /// every copy of these services.
    let webhookLocks = KeyedLocks()

    public init(
        store: EventStore, pipeline: CommandPipeline, readModel: ReadModel?, channels: ChannelDirectory,
        secretBox: SecretBox, phoneKey: [UInt8], authentication: any Middleware,
        metrics: MetricsRegistry,
        logger: Logger
    ) {
        self.store = store
        self.pipeline = pipeline
        self.readModel = readModel
        self.channels = channels
        self.secretBox = secretBox
        self.phoneKey = phoneKey
        self.authentication = authentication
        self.metrics = metrics
        self.logger = logger
    }

    /// The messaging part of the app's shared services.
    public init(app: AppServices, channels: ChannelDirectory) {
        self.init(
            store: app.store, pipeline: app.pipeline, readModel: app.readModel, channels: channels,
            secretBox: app.secretBox, phoneKey: app.phoneIndexKey, authentication: app.authentication,
            metrics: app.metrics,
            logger: app.logger)
    }

    /// The read models, or 503 when this process has none.
    func requireReadModel() throws -> ReadModel {
        guard let readModel else { throw APIError.unavailable("The read models are not configured") }
        return readModel
    }

    /// The conversation `id` of `tenant`, folded from the log; 404 for another tenant's.
    func conversation(_ id: UUID, tenant: UUID) throws -> (Conversation, FoldedStream<Conversation>) {
        let loaded = try pipeline.state(Streams.conversation(id), as: Conversation.self)
        guard let conversation = loaded.state, conversation.tenantId == tenant else {
            throw APIError.notFound("Conversation not found", code: "ERR_CONVERSATION_NOT_FOUND")
        }
        return (conversation, loaded)
    }
}
