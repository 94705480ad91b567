import Domain
import Foundation

/// `PUT /api/channels/whatsapp` (admin): connects the tenant's WhatsApp channel. Secrets are
/// sealed before they reach the log and never returned.
struct ChannelRoutes: Sendable {
    let services: AppServices

    struct Body: Decodable {
        let provider: String
        let phoneNumberId: String?
        let displayPhoneNumber: String?
        let instanceName: String?
        let apiBaseUrl: String?
        let apiVersion: String?
        let appSecret: String?
        let verifyToken: String?
        let accessToken: String?
        let apiKey: String?
    }

    struct ChannelJSON: Encodable {
        let provider: String
        let phoneNumberId: String?
        let displayPhoneNumber: String?
        let instanceName: String?
        let apiBaseUrl: String?
        let apiVersion: String?
    }

    func register(into router: inout Router) {
        router.add("PUT", "/api/channels/whatsapp", middleware: [services.authentication, RequireRole.admin])
        {
            try self.configure($0)
        }
    }

    func configure(_ request: Request) throws -> Response {
        let body = try request.decode(Body.self)
        guard let provider = ChannelProvider(rawValue: body.provider.lowercased()) else {
            throw APIError.validation(field: "provider", "provider must be meta or evolution")
        }
        let secrets = ChannelSecrets(
            appSecret: body.appSecret, verifyToken: body.verifyToken, accessToken: body.accessToken,
            apiKey: body.apiKey)
        switch provider {
        case .meta:
            guard let secret = body.appSecret, !secret.isEmpty else {
                throw APIError.validation(field: "appSecret", "appSecret is required to verify Meta webhooks")
            }
        case .evolution:
            guard let key = body.apiKey, !key.isEmpty else {
                throw APIError.validation(field: "apiKey", "apiKey is required for Evolution")
            }
        }
        let settings = ChannelSettings(
            provider: provider, phoneNumberId: body.phoneNumberId,
            displayPhoneNumber: body.displayPhoneNumber,
            instanceName: body.instanceName, apiBaseUrl: body.apiBaseUrl, apiVersion: body.apiVersion,
            sealedSecrets: try secrets.sealed(with: services.secretBox))
        let tenantId = request.authenticatedUser.tenantId
        let outcome = try services.pipeline.execute(CommandContext(request: request)) {
            let stream = try services.pipeline.load(Streams.tenant(tenantId))
            let decision = try Tenant.decide(.configureChannel(settings), state: stream.fold(Tenant.evolve))
            return try CommandPlan(
                decision: decision, tenant: tenantId, loaded: stream, store: services.store)
        }
        _ = services.pipeline.waitForProjection(outcome)
        let view = ChannelJSON(
            provider: provider.rawValue, phoneNumberId: body.phoneNumberId,
            displayPhoneNumber: body.displayPhoneNumber, instanceName: body.instanceName,
            apiBaseUrl: body.apiBaseUrl, apiVersion: body.apiVersion)
        return try Response.json(view).logPosition(outcome.head)
    }
}
