import Domain
import EventStore
import Foundation
import Projections

/// Turns an authenticated webhook body into ONE atomic append: per tenant, the raw body
/// (audit stream, sealed) and every event derived from it, with the raw event as causation.
/// Returns only once the append is durable; a redelivered body appends nothing.
///
/// A webhook never answers a version conflict: bodies touching the same contacts are decided
/// one at a time (`KeyedLocks`), and a conflict with anything else (an agent's command, the
/// dispatcher) is decided again on fresh state. Only when that keeps failing does it answer
/// 503 with `Retry-After`, which providers retry.
struct WebhookIngestor {
    let services: MessagingServices
    private let maxAttempts = 16

    /// Appends `translation`'s items, each channel group under its tenant; returns the log head.
    func ingest(_ translation: WebhookTranslation, tenants: [String: UUID], body: [UInt8]) throws -> UInt64 {
        try services.webhookLocks.withLocks(Self.lockKeys(translation, tenants: tenants)) {
            try appendRetrying(translation, tenants: tenants, body: body)
        }
    }

    private func appendRetrying(_ translation: WebhookTranslation, tenants: [String: UUID], body: [UInt8])
        throws
        -> UInt64
    {
        for attempt in 1...maxAttempts {
            let planned = try plan(translation, tenants: tenants, body: body)
            do {
                let result = try services.store.append(planned.request)
                for batch in planned.batches {
                    batch.cacheFolds(after: result, newDataKeys: planned.dataKeys)
                }
                services.metrics.counter(
                    "webhooks_appended_total", help: "Webhook bodies accepted into the log",
                    labels: [
                        "provider": translation.provider.rawValue, "duplicate": String(result.duplicate),
                    ]
                ).increment()
                return result.head
            } catch EventStoreError.wrongExpectedVersion, EventStoreError.uniqueKeyTaken {
                // A concurrent command changed a stream, or registered the same contact or
                // conversation: decide again on fresh state, after a short random pause.
                services.metrics.counter(
                    "webhook_retries_total", help: "Webhook bodies decided again after a concurrent change"
                ).increment()
                usleep(UInt32.random(in: 0...UInt32(min(attempt, 10) * 500)))
            }
        }
        services.logger.warning("webhook kept conflicting", ["attempts": .number(Double(maxAttempts))])
        throw APIError(
            status: 503, code: "ERR_BUSY", message: "The conversation is busy, retry the delivery",
            details: ["retry": true], headers: [HTTPHeader("Retry-After", "1")])
    }

    /// What the body's items contend on: the contact of each message (its phone), the
    /// recipient of each status (or its wamid when none is given), the tenant's channel.
    static func lockKeys(_ translation: WebhookTranslation, tenants: [String: UUID]) -> [String] {
        var keys: [String] = []
        for group in translation.channels {
            guard let tenant = tenants[group.channelId]?.lowercasedString else { continue }
            for item in group.items {
                switch item {
                case .message(let message): keys.append(tenant + "|phone|" + message.from)
                case .phoneOutbound(let message): keys.append(tenant + "|phone|" + message.to)
                case .status(let report):
                    keys.append(
                        report.recipient.map { tenant + "|phone|" + $0 } ?? tenant + "|wamid|" + report.wamid)
                case .connection: keys.append(tenant + "|channel")
                }
            }
        }
        return keys
    }

    /// An append request with the batches that decided it and the data keys its new events
    /// are sealed under, per stream.
    private struct PlannedWebhook {
        let request: AppendRequest
        let batches: [WebhookBatch]
        let dataKeys: [String: Set<String>]
    }

    private func plan(_ translation: WebhookTranslation, tenants: [String: UUID], body: [UInt8]) throws
        -> PlannedWebhook
    {
        let now = Timestamp.nowMilliseconds()
        var batches: [UUID: WebhookBatch] = [:]
        var tenantOrder: [UUID] = []
        for group in translation.channels {
            guard let tenant = tenants[group.channelId] else { continue }
            if batches[tenant] == nil {
                batches[tenant] = WebhookBatch(
                    pipeline: services.pipeline, tenant: tenant, phoneKey: services.phoneKey, now: now)
                tenantOrder.append(tenant)
            }
            for item in group.items {
                do {
                    try batches[tenant]!.add(item)
                } catch let error as DomainError where error.code != .validation {
                    // The item cannot apply to the current state (e.g. a message for a closed
                    // conversation that raced a close): the rest of the body still counts.
                    services.logger.warning(
                        "webhook item skipped", ["reason": .string(error.description)])
                }
            }
        }
        var streams: [StreamAppend] = []
        var keys: [KeyChange] = []
        var dataKeys: [String: Set<String>] = [:]
        for (index, tenant) in tenantOrder.enumerated() {
            let batch = batches[tenant]!
            // The first tenant's raw event has the body's own id; others derive theirs from it.
            let rawId =
                index == 0
                ? translation.rawEventId
                : NameBasedID.make(
                    provider: "raw-tenant", providerId: translation.rawEventId.lowercasedString,
                    kind: tenant.lowercasedString)
            let metadata = EventMetadata(
                correlationId: rawId, causationId: rawId, actor: "webhook:" + translation.provider.rawValue)
            let raw = RawWebhookReceived(
                tenantId: tenant, provider: translation.provider, receivedAt: now,
                contactIds: batch.contactIds,
                sealedUnder: DataKeys.rawWebhook(rawEventId: rawId, contactIds: batch.contactIds),
                personal: RawWebhookReceived.Personal(body: String(decoding: body, as: UTF8.self)))
            streams.append(
                StreamAppend(
                    tenant: tenant, stream: StreamName(Streams.webhooks(tenant)), expectedVersion: .any,
                    events: [try newEvent(.rawWebhookReceived(raw), id: rawId, now: now, metadata: metadata)])
            )
            for planned in batch.plannedStreams {
                let events = try planned.events.map {
                    try newEvent($0.event, id: $0.id ?? UUIDv7.generate(), now: now, metadata: metadata)
                }
                dataKeys[planned.stream, default: []].formUnion(events.compactMap { $0.dataKey?.rawValue })
                streams.append(
                    StreamAppend(
                        tenant: planned.tenant, stream: StreamName(planned.stream),
                        expectedVersion: planned.expectedVersion, events: events))
            }
            keys += batch.keyChanges.map { change in
                switch change {
                case .reserve(let key, let stream): .reserve(UniqueKey(key), StreamName(stream))
                case .release(let key, let stream): .release(UniqueKey(key), StreamName(stream))
                }
            }
        }
        return PlannedWebhook(
            request: AppendRequest(streams: streams, keys: keys), batches: tenantOrder.map { batches[$0]! },
            dataKeys: dataKeys)
    }

    private func newEvent(_ event: DomainEvent, id: UUID, now: Int64, metadata: EventMetadata) throws
        -> NewEvent
    {
        let encoded = try DomainCodec.encode(event)
        return NewEvent(
            id: id, type: encoded.type, occurredAt: now, metadata: metadata, payload: encoded.payload,
            personal: encoded.personal, dataKey: encoded.dataKey.map { DataKeyID($0) })
    }
}
