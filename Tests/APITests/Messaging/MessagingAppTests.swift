import Foundation
import Projections
import Testing

@testable import API

@Suite("Messaging through the whole app", .serialized)
struct MessagingAppTests {
    @Test func registeredTenantReceivesAWebhookAndItsReplyIsSent() throws {
        let provider = try FakeWhatsAppProvider()
        defer { provider.stop() }
        try TestApp.with { app in
            let session = try app.register(slug: "hotel-app", email: "admin@hotel-app.com")
            let token = try #require(session.token)
            let auth = ["Authorization": "Bearer " + token]
            let channel = try app.client.sendJSON(
                "PUT", "/api/channels/whatsapp",
                json: """
                    {"provider":"meta","phoneNumberId":"777","appSecret":"s3cret","verifyToken":"vt",\
                    "accessToken":"at","apiBaseUrl":"\(provider.baseURL)","apiVersion":"v21.0"}
                    """, headers: auth)
            #expect(channel.status == 200)
            let body = Array(
                MetaWebhookBodies.text(
                    phoneNumberId: "777", from: "5521988776655", wamid: "wamid.APP", body: "Oi"
                )
                .utf8)
            let webhook = try app.client.send(
                "POST", "/webhooks/whatsapp",
                headers: [
                    "X-Hub-Signature-256": WebhookSignature.sign(body: body, secret: Array("s3cret".utf8))
                ],
                body: body)
            #expect(webhook.status == 200)
            let readModel = try #require(app.app.services.readModel)
            let tenant = try #require(UUID(uuidString: session.tenant["id"] as? String ?? ""))
            let position = try #require(UInt64(webhook.header("X-Log-Position") ?? ""))
            #expect(app.app.services.pipeline.waitForProjection(position: position))
            let conversation = try #require(
                try readModel.conversations(tenant: tenant, filter: ConversationFilter()).data.first)
            let sent = try app.client.sendJSON(
                "POST", "/api/messages",
                json: #"{"conversationId":"\#(conversation.id)","type":"TEXT","content":"Olá!"}"#,
                headers: auth)
            #expect(sent.status == 201)
            let id = try #require(UUID(uuidString: sent.object["id"] as? String ?? ""))
            let deadline = Date().addingTimeInterval(10)
            var status = ""
            while Date() < deadline {
                status = try readModel.message(tenant: tenant, id: id)?.status ?? ""
                if status == "SENT" { break }
                Thread.sleep(forTimeInterval: 0.02)
            }
            #expect(status == "SENT")
            #expect(provider.requests.first?.headers["authorization"] == "Bearer at")
        }
    }
}
