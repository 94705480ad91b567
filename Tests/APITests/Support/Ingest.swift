import Domain
import Foundation
import Projections
import Testing

@testable import API

/// What a test delivery did to the log.
struct Delivery {
    let head: UInt64
    let duplicate: Bool
}

/// Delivers inbound messages for a tenant through the production webhook path
/// (`WebhookIngestor`: one atomic append of the raw body and every derived event), as a
/// channel of that tenant would. The body is derived from the messages, so delivering the
/// same messages again is a redelivery of the same body.
func ingest(_ app: TestApp, tenant: String, _ messages: [InboundMessage]) throws -> Delivery {
    let messaging = try #require(app.app.messaging)
    let tenantId = try #require(UUID(uuidString: tenant))
    let channel = "test-channel-" + tenant
    let body = Array(messages.map { "\($0.wamid)|\($0.from)|\($0.timestamp)" }.joined(separator: "\n").utf8)
    let translation = WebhookTranslation(
        provider: .meta,
        rawEventId: EventIDs.rawWebhook(provider: .meta, body: body),
        channels: [ChannelItems(provider: .meta, channelId: channel, items: messages.map { .message($0) })])
    let before = try messaging.services.store.head()
    let head = try WebhookIngestor(services: messaging.services)
        .ingest(translation, tenants: [channel: tenantId], body: body)
    return Delivery(head: head, duplicate: head == before)
}

func text(_ wamid: String, from phone: String, name: String, _ body: String, at seconds: Int64)
    -> InboundMessage
{
    InboundMessage(
        provider: .meta, wamid: wamid, from: phone, profileName: name, type: .text,
        timestamp: (Timestamp.nowMilliseconds() / 1000 - 600 + seconds) * 1000,
        content: InboundContent(text: body))
}
