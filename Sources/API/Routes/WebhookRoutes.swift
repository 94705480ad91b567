import Domain
import Foundation
import Projections

extension Router {
    /// The provider webhooks (no JWT): Meta verification and events, Evolution events.
    public mutating func addWebhookRoutes(_ services: MessagingServices) {
        let webhooks = WebhookRoutes(services: services)
        add("GET", "/webhooks/whatsapp") { try webhooks.verify($0) }
        add("POST", "/webhooks/whatsapp", bodyLimit: WebhookRoutes.bodyLimit) { try webhooks.receiveMeta($0) }
        add("POST", "/webhook/:instanceName", bodyLimit: WebhookRoutes.bodyLimit) {
            try webhooks.receiveEvolution($0)
        }
    }
}

/// Handlers of the webhook routes.
struct WebhookRoutes: Sendable {
    /// Webhook bodies may be larger than API bodies (many entries per POST).
    static let bodyLimit = 3 << 20
    let services: MessagingServices

    /// `GET /webhooks/whatsapp`: echoes `hub.challenge` when the verify token is a channel's
    /// (the channel of the tenant named by `X-Tenant-Slug` or `tenant=`, when one is named).
    func verify(_ request: Request) throws -> Response {
        let refused = APIError.forbidden("Webhook verification failed")
        guard request.queryValue("hub.mode") == "subscribe",
            let token = request.queryValue("hub.verify_token")
        else { throw refused }
        if let slug = request.header("X-Tenant-Slug") ?? request.queryValue("tenant") {
            guard let stream = try services.pipeline.lookup(UniqueKeys.slug(slug.lowercased())),
                let tenant = UUID(uuidString: String(stream.dropFirst("tenant-".count)))
            else { throw refused }
            func matches() -> Bool {
                guard let expected = services.channels.channel(tenant: tenant)?.secrets?.verifyToken else {
                    return false
                }
                return WebhookSignature.tokensEqual(token, expected)
            }
            if !matches() {
                try services.channels.refresh()
                guard matches() else { throw refused }
            }
        } else {
            guard try services.channels.isVerifyToken(token) else { throw refused }
        }
        return Response.text(request.queryValue("hub.challenge") ?? "")
    }

    /// `POST /webhooks/whatsapp`: the body's phone numbers are read by a minimal scan, and
    /// `X-Hub-Signature-256` must verify over the raw body with the app secret of every one
    /// that is a channel here (401 otherwise, and the same 401 when none is: a channel cannot
    /// be probed without its secret). Only then is the body translated; entries for numbers
    /// that are not channels here are skipped, and 200 is sent once the append is durable.
    func receiveMeta(_ request: Request) throws -> Response {
        let channelIds = try MetaWebhookTranslator.channelIds(request.body)
        if channelIds.isEmpty {
            // Nothing for any channel (e.g. a field ChatLedger does not follow): nothing appended.
            return Response.text("EVENT_RECEIVED")
        }
        let signature = request.header("X-Hub-Signature-256")
        var tenants: [String: UUID] = [:]
        for channelId in channelIds {
            guard let channel = try services.channels.meta(phoneNumberId: channelId) else { continue }
            guard try verifies(signature, body: request.body, channel: channel, phoneNumberId: channelId)
            else {
                throw refusedSignature()
            }
            tenants[channelId] = channel.tenantId
        }
        guard !tenants.isEmpty else {
            // Spend the same work as a known channel's check before answering the same way.
            _ = WebhookSignature.verify(header: signature, body: request.body, secret: Self.decoySecret)
            throw refusedSignature()
        }
        if tenants.count < channelIds.count {
            services.metrics.counter(
                "webhook_entries_skipped_total",
                help: "Webhook entries for numbers that are not channels here"
            ).increment(by: Double(channelIds.count - tenants.count))
        }
        let translation = try MetaWebhookTranslator.translate(request.body)
        let head = try WebhookIngestor(services: services).ingest(
            translation, tenants: tenants, body: request.body)
        return Response.text("EVENT_RECEIVED").logPositionHeader(head)
    }

    /// A secret no channel has, checked against when a body names no channel of ours.
    private static let decoySecret = (0..<32).map { _ in UInt8.random(in: 0...255) }

    private func refusedSignature() -> APIError {
        services.metrics.counter(
            "webhooks_rejected_total", help: "Webhooks refused", labels: ["reason": "signature"]
        ).increment()
        return APIError.unauthorized("Invalid X-Hub-Signature-256")
    }

    /// Verifies with the channel's app secret; a miss refreshes the directory once, in
    /// case the secret was just rotated.
    private func verifies(_ signature: String?, body: [UInt8], channel: ChannelEntry, phoneNumberId: String)
        throws
        -> Bool
    {
        func check(_ entry: ChannelEntry?) -> Bool {
            guard let secret = entry?.secrets?.appSecret else { return false }
            return WebhookSignature.verify(header: signature, body: body, secret: Array(secret.utf8))
        }
        if check(channel) { return true }
        try services.channels.refresh()
        return check(try services.channels.meta(phoneNumberId: phoneNumberId))
    }

    /// `POST /webhook/:instanceName`: the instance's API key in the `apikey` header or body
    /// field (constant-time compare), then the same one-append ingestion.
    func receiveEvolution(_ request: Request) throws -> Response {
        let instance = request.parameter("instanceName")
        let given = request.header("apikey") ?? bodyAPIKey(request.body)
        func accepted(_ entry: ChannelEntry?) -> Bool {
            guard let given, let expected = entry?.secrets?.apiKey else { return false }
            return WebhookSignature.tokensEqual(given, expected)
        }
        // The lookup refreshes the directory once on a miss; a known instance whose key does not
        // match is looked up again after a refresh, in case its key was just rotated.
        var channel = try services.channels.evolution(instance: instance)
        if channel != nil, !accepted(channel) {
            try services.channels.refresh()
            channel = try services.channels.evolution(instance: instance)
        }
        // An unknown instance answers exactly like a wrong key: instances cannot be probed.
        guard let channel, accepted(channel) else {
            services.metrics.counter(
                "webhooks_rejected_total", help: "Webhooks refused", labels: ["reason": "apikey"]
            ).increment()
            throw APIError.unauthorized("Invalid apikey")
        }
        var translation = try EvolutionWebhookTranslator.translate(
            request.body, receivedAt: Timestamp.nowMilliseconds())
        // The path names the instance that authenticated; the body's own name is not trusted.
        for index in translation.channels.indices { translation.channels[index].channelId = instance }
        let head = try WebhookIngestor(services: services).ingest(
            translation, tenants: [instance: channel.tenantId], body: request.body)
        let reportsConnection = translation.allItems.contains {
            if case .connection = $0 { return true }
            return false
        }
        if reportsConnection { try services.channels.refresh() }
        return Response.json(
            .object(["success": true, "message": "Webhook processado com sucesso"])
        ).logPositionHeader(head)
    }

    private func bodyAPIKey(_ body: [UInt8]) -> String? {
        (try? JSONNode.parse(body))?["apikey"].optionalString
    }
}
