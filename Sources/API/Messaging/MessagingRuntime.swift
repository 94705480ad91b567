import Foundation

/// The messaging side of a running app: the channel directory, the webhook/channel/message
/// routes and the outbound dispatcher, built from the app's shared services.
public final class MessagingRuntime: Sendable {
    public let services: MessagingServices
    public let dispatcher: OutboundDispatcher

    /// Rebuilds the channel directory from the log; nothing runs until `start()`.
    public init(
        app: AppServices, dispatcher configuration: DispatcherConfiguration = DispatcherConfiguration()
    ) throws {
        let channels = try ChannelDirectory(store: app.store, secretBox: app.secretBox)
        services = MessagingServices(app: app, channels: channels)
        dispatcher = OutboundDispatcher(
            store: app.store, pipeline: app.pipeline, channels: channels, configuration: configuration,
            metrics: app.metrics, logger: app.logger)
    }

    /// Adds the channel, webhook and message routes.
    public func register(into router: inout Router) {
        router.addChannelRoutes(services)
        router.addWebhookRoutes(services)
        router.addMessageRoutes(services)
    }

    /// Starts sending queued messages (resuming those a previous run left queued).
    public func start() {
        dispatcher.start()
    }

    /// Stops the dispatcher; a send in flight is recorded first.
    public func stop() {
        dispatcher.stop()
    }
}
