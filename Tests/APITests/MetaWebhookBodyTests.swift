import Domain
import Testing

@testable import API

@Suite struct MetaWebhookBodyTests {
    @Test func demoBodiesAreWebhooksTheMetaTranslatorAccepts() throws {
        let message = try MetaWebhookTranslator.translate(
            MetaWebhookBody.message(
                phoneNumberId: "DEMO-PNID", from: "5511900010000", name: "Ana", wamid: "w1", text: "Oi"))
        #expect(message.channels.map(\.channelId) == ["DEMO-PNID"])
        guard case .message(let inbound) = message.allItems.first else {
            Issue.record("expected one inbound message")
            return
        }
        #expect(inbound.wamid == "w1")
        #expect(inbound.profileName == "Ana")
        #expect(inbound.content.text == "Oi")
        let status = try MetaWebhookTranslator.translate(
            MetaWebhookBody.status(
                phoneNumberId: "DEMO-PNID", wamid: "w2", status: "read", recipient: "5511900010000"))
        guard case .status(let report) = status.allItems.first else {
            Issue.record("expected one status")
            return
        }
        #expect(report.wamid == "w2")
        #expect(report.status == .read)
    }
}
