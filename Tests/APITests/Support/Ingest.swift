import Domain
import Foundation
import Testing

@testable import API

/// Appends inbound messages for a tenant the way the webhook handler does, in one append.
func ingest(_ app: TestApp, tenant: String, _ messages: [InboundMessage]) throws -> CommandOutcome {
    let services = app.app.services
    let tenantId = try #require(UUID(uuidString: tenant))
    return try services.pipeline.execute(CommandContext(actor: "webhook", correlationId: nil)) {
        let builder = PlanBuilder(pipeline: services.pipeline, tenant: tenantId)
        let ingest = InboundIngest(
            builder: builder, tenantId: tenantId, phoneIndexKey: services.phoneIndexKey,
            now: Timestamp.nowMilliseconds())
        for message in messages { try ingest.receive(message) }
        return builder.plan
    }
}

func text(_ wamid: String, from phone: String, name: String, _ body: String, at seconds: Int64)
    -> InboundMessage
{
    InboundMessage(
        provider: .meta, wamid: wamid, from: phone, profileName: name, type: .text,
        timestamp: (Timestamp.nowMilliseconds() / 1000 - 600 + seconds) * 1000,
        content: InboundContent(text: body))
}
