import Domain
import Foundation

/// Provider webhooks (no JWT): Meta `GET/POST /webhooks/whatsapp` and Evolution
/// `POST /webhook/:instanceName`. A body is authenticated (HMAC signature or shared token,
/// compared in constant time) before anything is appended; the answer comes only after its
/// events are durable, and a redelivered body appends nothing.
struct WebhookRoutes: Sendable {
    let services: AppServices
    static let bodyLimit = 3 << 20

    func register(into router: inout Router) {
        router.add("GET", "/webhooks/whatsapp") { try self.verifySubscription($0) }
        router.add("POST", "/webhooks/whatsapp", bodyLimit: Self.bodyLimit) { try self.receiveMeta($0) }
        router.add("POST", "/webhook/:instanceName", bodyLimit: Self.bodyLimit) {
            try self.receiveEvolution($0)
        }
    }

    /// Meta's subscription handshake: echo `hub.challenge` when `hub.verify_token` is the
    /// tenant's (tenant named by `X-Tenant-Slug` or the `tenant` query parameter).
    func verifySubscription(_ request: Request) throws -> Response {
        guard request.queryValue("hub.mode") == "subscribe" else {
            throw APIError.validation(field: "hub.mode", "hub.mode must be subscribe")
        }
        guard let challenge = request.queryValue("hub.challenge"), !challenge.isEmpty else {
            throw APIError.validation(field: "hub.challenge", "hub.challenge is required")
        }
        let refused = APIError.forbidden("Verification token mismatch")
        guard let slug = request.header("X-Tenant-Slug") ?? request.queryValue("tenant"),
            let tenantId = try services.tenant(forSlug: slug.lowercased()),
            let channel = try services.pipeline.load(Streams.tenant(tenantId)).fold(Tenant.evolve)?.channel,
            let expected = try ChannelSecrets.open(channel, with: services.secretBox).verifyToken
        else { throw refused }
        guard WebhookSignature.tokensEqual(request.queryValue("hub.verify_token") ?? "", expected) else {
            throw refused
        }
        return Response.text(challenge)
    }

    func receiveMeta(_ request: Request) throws -> Response {
        let translation = try MetaWebhookTranslator.translate(request.body)
        let tenants = try channelsByTenant(translation)
        for tenant in tenants {
            let secret = try ChannelSecrets.open(tenant.channel, with: services.secretBox).appSecret ?? ""
            guard
                !secret.isEmpty,
                WebhookSignature.verify(
                    header: request.header("X-Hub-Signature-256"), body: request.body,
                    secret: Array(secret.utf8))
            else { throw APIError.unauthorized("Invalid webhook signature") }
        }
        return try ingest(translation, tenants: tenants, body: request.body)
    }

    func receiveEvolution(_ request: Request) throws -> Response {
        let instance = request.parameter("instanceName")
        let translation = try EvolutionWebhookTranslator.translate(
            request.body, receivedAt: Timestamp.nowMilliseconds())
        guard translation.channels.allSatisfy({ $0.channelId == instance }) else {
            throw APIError.validation(field: "instance", "the body names another instance than the URL")
        }
        guard var tenant = try tenant(forKey: UniqueKeys.evolutionInstance(instance)) else {
            throw APIError.notFound("Unknown instance", code: "ERR_UNKNOWN_CHANNEL")
        }
        let expected = try ChannelSecrets.open(tenant.channel, with: services.secretBox).apiKey ?? ""
        let given = request.header("apikey") ?? bodyAPIKey(request.body) ?? ""
        guard !expected.isEmpty, WebhookSignature.tokensEqual(given, expected) else {
            throw APIError.unauthorized("Invalid apikey")
        }
        tenant.items = translation.allItems
        return try ingest(translation, tenants: [tenant], body: request.body)
    }

    /// One append for the whole body: per tenant, the raw body (audit) and every item.
    private func ingest(_ translation: WebhookTranslation, tenants: [WebhookTenant], body: [UInt8]) throws
        -> Response
    {
        let now = Timestamp.nowMilliseconds()
        let context = CommandContext(
            actor: "webhook:" + translation.provider.rawValue, correlationId: translation.rawEventId,
            causationId: translation.rawEventId, now: now)
        let text = String(decoding: body, as: UTF8.self)
        let outcome = try services.pipeline.execute(context, retryOnKeyConflict: true) {
            var plan = CommandPlan()
            for tenant in tenants {
                let builder = PlanBuilder(pipeline: services.pipeline, tenant: tenant.id)
                let ingest = InboundIngest(
                    builder: builder, tenantId: tenant.id, phoneIndexKey: services.phoneIndexKey, now: now)
                for item in tenant.items {
                    switch item {
                    case .message(let message): try ingest.receive(message)
                    case .phoneOutbound(let message): try ingest.recordPhoneOutbound(message)
                    case .status(let report): try ingest.applyStatus(report)
                    case .connection(let state, let eventId):
                        let stream = Streams.tenant(tenant.id)
                        let decision = try Tenant.decide(
                            .changeConnectionState(state, at: now),
                            state: try builder.state(of: stream, Tenant.evolve))
                        try builder.add(
                            decision.events.map { DecidedEvent($0.event, id: eventId) }, to: stream)
                    }
                }
                let raw = RawWebhookReceived(
                    tenantId: tenant.id, provider: translation.provider, receivedAt: now,
                    contactIds: ingest.contactIds,
                    sealedUnder: DataKeys.rawWebhook(
                        rawEventId: translation.rawEventId, contactIds: ingest.contactIds),
                    personal: RawWebhookReceived.Personal(body: text))
                let rawId =
                    tenants.count == 1
                    ? translation.rawEventId
                    : NameBasedID.make(
                        name: translation.rawEventId.lowercasedString + "/" + tenant.id.lowercasedString)
                builder.record(
                    [DecidedEvent(.rawWebhookReceived(raw), id: rawId)], to: Streams.webhooks(tenant.id))
                plan.merge(builder.plan)
            }
            return plan
        }
        services.metrics.counter(
            "webhooks_received_total", help: "Accepted webhook bodies by provider",
            labels: ["provider": translation.provider.rawValue, "duplicate": String(outcome.duplicate)]
        ).increment()
        return Response.text("EVENT_RECEIVED").logPosition(outcome.head)
    }

    /// The tenants owning the body's channels; a body none of whose channels is known is a 404.
    private func channelsByTenant(_ translation: WebhookTranslation) throws -> [WebhookTenant] {
        var tenants: [WebhookTenant] = []
        for channel in translation.channels {
            guard var tenant = try tenant(forKey: channel.tenantKey) else {
                services.logger.warning(
                    "webhook for an unknown channel", ["channel": .string(channel.channelId)])
                continue
            }
            if let index = tenants.firstIndex(where: { $0.id == tenant.id }) {
                tenants[index].items += channel.items
            } else {
                tenant.items = channel.items
                tenants.append(tenant)
            }
        }
        if tenants.isEmpty && !translation.channels.isEmpty {
            throw APIError.notFound("No tenant owns this channel", code: "ERR_UNKNOWN_CHANNEL")
        }
        return tenants
    }

    private func tenant(forKey key: String) throws -> WebhookTenant? {
        guard let stream = try services.pipeline.lookup(key),
            let tenant = try services.pipeline.load(stream).fold(Tenant.evolve), let channel = tenant.channel
        else { return nil }
        return WebhookTenant(id: tenant.id, channel: channel, items: [])
    }

    private func bodyAPIKey(_ body: [UInt8]) -> String? {
        struct Envelope: Decodable { let apikey: String? }
        return (try? JSONDecoder().decode(Envelope.self, from: Data(body)))?.apikey
    }
}

/// A tenant a webhook body concerns, with its channel and its share of the items.
private struct WebhookTenant {
    let id: UUID
    let channel: WhatsAppChannelConfigured
    var items: [WebhookItem]
}
