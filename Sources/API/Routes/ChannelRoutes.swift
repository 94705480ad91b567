import Domain
import Foundation

extension Router {
    /// `PUT /api/channels/whatsapp` and `GET /api/channels` (administrators), both answering
    /// the channel's one view.
    public mutating func addChannelRoutes(_ services: MessagingServices) {
        let routes = ChannelRoutes(services: services)
        let steps: [any Middleware] = [services.authentication, RequireRole.admin]
        add("PUT", "/api/channels/whatsapp", middleware: steps) { try routes.configure($0) }
        add("GET", "/api/channels", middleware: steps) { try routes.list($0) }
    }
}

/// The body of `PUT /api/channels/whatsapp`.
struct ChannelRequest: Decodable {
    var provider: String
    var phoneNumberId: String?
    var displayPhoneNumber: String?
    var appSecret: String?
    var verifyToken: String?
    var accessToken: String?
    var instanceName: String?
    var apiKey: String?
    var apiBaseUrl: String?
    var apiVersion: String?
}

/// Handlers of the channel routes.
struct ChannelRoutes: Sendable {
    static let metaBaseURL = "https://graph.facebook.com"
    static let metaVersion = "v21.0"
    let services: MessagingServices

    func configure(_ request: Request) throws -> Response {
        let body = try request.decode(ChannelRequest.self)
        let tenant = request.authenticatedUser.tenantId
        let settings = try settings(from: body)
        let outcome = try services.pipeline.execute(CommandContext(request: request)) {
            let loaded = try services.pipeline.load(Streams.tenant(tenant))
            let decision = try Tenant.decide(
                .configureChannel(settings), state: loaded.fold(Tenant.evolve))
            return try CommandPlan(
                decision: decision, tenant: tenant, loaded: loaded,
                store: services.store)
        }
        try services.channels.refresh()
        guard let channel = services.channels.channel(tenant: tenant) else { throw APIError.internal }
        return try Response.json(channel.view).logPositionHeader(outcome.head)
    }

    /// `GET /api/channels`: `{data: [channel]}`, empty before one is configured. Read from the
    /// log's channel directory, as the PUT answers it.
    func list(_ request: Request) throws -> Response {
        try services.channels.refresh()
        let channel = services.channels.channel(tenant: request.authenticatedUser.tenantId)
        return Response.json(.object(["data": .array(channel.map { [$0.view] } ?? [])]))
    }

    /// Checks the provider's required fields and seals the secrets.
    private func settings(from body: ChannelRequest) throws -> ChannelSettings {
        func required(_ value: String?, _ field: String) throws -> String {
            guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw APIError.validation(field: field, "\(field) is required")
            }
            guard value.count <= 1024 else {
                throw APIError.validation(field: field, "\(field) must be at most 1024 characters")
            }
            return value
        }
        switch body.provider {
        case "meta":
            let secrets = ChannelSecrets(
                appSecret: try required(body.appSecret, "appSecret"),
                verifyToken: try required(body.verifyToken, "verifyToken"),
                accessToken: try required(body.accessToken, "accessToken"))
            return ChannelSettings(
                provider: .meta, phoneNumberId: try required(body.phoneNumberId, "phoneNumberId"),
                displayPhoneNumber: body.displayPhoneNumber, apiBaseUrl: body.apiBaseUrl ?? Self.metaBaseURL,
                apiVersion: body.apiVersion ?? Self.metaVersion,
                sealedSecrets: try secrets.sealed(with: services.secretBox))
        case "evolution":
            let secrets = ChannelSecrets(apiKey: try required(body.apiKey, "apiKey"))
            return ChannelSettings(
                provider: .evolution, displayPhoneNumber: body.displayPhoneNumber,
                instanceName: try required(body.instanceName, "instanceName"),
                apiBaseUrl: try required(body.apiBaseUrl, "apiBaseUrl"),
                sealedSecrets: try secrets.sealed(with: services.secretBox))
        default:
            throw APIError.validation(field: "provider", "provider must be meta or evolution")
        }
    }
}
