import Foundation
import Projections
import Testing

@testable import API

@Suite("Evolution webhooks", .serialized)
struct EvolutionWebhookTests {
    static func configure(_ harness: MessagingHarness, _ tenant: TestTenant) throws {
        let response = try harness.send(
            "PUT", "/api/channels/whatsapp", tenant: tenant,
            json: """
                {"provider":"evolution","instanceName":"hotel_abc","apiKey":"evo-key","apiBaseUrl":"\(harness.provider.baseURL)"}
                """)
        #expect(response.status == 200)
    }

    static func upsert(
        id: String, fromMe: Bool, text: String, timestamp: Int64 = MetaWebhookBodies.nowSeconds
    ) -> String {
        """
        {"event":"messages.upsert","instance":"hotel_abc","data":{"key":{"remoteJid":"5511988887777@s.whatsapp.net",\
        "fromMe":\(fromMe),"id":"\(id)"},"message":{"conversation":"\(text)"},"messageTimestamp":\(timestamp),\
        "pushName":"Maria"}}
        """
    }

    static func post(_ harness: MessagingHarness, _ body: String, apikey: String? = "evo-key") throws
        -> TestResponse
    {
        var headers = ["Content-Type": "application/json"]
        if let apikey { headers["apikey"] = apikey }
        return try harness.client.send("POST", "/webhook/hotel_abc", headers: headers, body: Array(body.utf8))
    }

    @Test func upsertOpensAConversationAndFromMeIsRecordedAsOutbound() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try Self.configure(harness, tenant)
        let inbound = try Self.post(harness, Self.upsert(id: "BAE5IN", fromMe: false, text: "Olá! Como vai?"))
        #expect(inbound.status == 200)
        #expect(inbound.object["success"] as? Bool == true)
        let outbound = try Self.post(harness, Self.upsert(id: "BAE5OUT", fromMe: true, text: "Tudo bem!"))
        #expect(outbound.status == 200)
        let conversation = try #require(try harness.conversations(tenant).first)
        #expect(conversation.contact.name == "Maria")
        #expect(conversation.contact.phoneNumber == "5511988887777")
        let messages = try harness.messages(tenant, conversation: conversation.id)
        #expect(messages.map(\.direction) == ["INBOUND", "OUTBOUND"])
        #expect(messages.last?.status == "SENT")
        #expect(messages.last?.whatsappMessageId == "BAE5OUT")
        #expect(harness.provider.requests.isEmpty)
    }

    @Test func updateStatusesMoveAnOutboundMessageToRead() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try Self.configure(harness, tenant)
        #expect(try Self.post(harness, Self.upsert(id: "BAE5OUT", fromMe: true, text: "Oi")).status == 200)
        for status in ["DELIVERY_ACK", "READ"] {
            let update = """
                {"event":"messages.update","instance":"hotel_abc","data":{"keyId":"BAE5OUT",\
                "remoteJid":"5511988887777@s.whatsapp.net","fromMe":true,"status":"\(status)"}}
                """
            #expect(try Self.post(harness, update).status == 200)
        }
        let conversation = try #require(try harness.conversations(tenant).first)
        #expect(try harness.messages(tenant, conversation: conversation.id).last?.status == "READ")
    }

    /// Evolution API v2 reports a refused session (`state: "refused"`): before, that real body
    /// answered 400 and was retried for nothing.
    @Test func refusedConnectionIsAcceptedAndShownDisconnected() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try Self.configure(harness, tenant)
        let body =
            #"{"event":"connection.update","instance":"hotel_abc","data":{"instance":"hotel_abc","state":"refused","statusReason":401}}"#
        #expect(try Self.post(harness, body).status == 200)
        #expect(harness.services.channels.channel(tenant: tenant.id)?.connectionState == .refused)
        let channels =
            try harness.send("GET", "/api/channels", tenant: tenant).object["data"] as? [[String: Any]]
        #expect(channels?.first?["status"] as? String == "DISCONNECTED")
        try harness.caughtUp()
        let dashboard = try harness.readModel.dashboard(tenant: tenant.id, now: Timestamp.nowMilliseconds())
        #expect(dashboard.channelStatus == "DISCONNECTED")
    }

    @Test func connectionUpdateChangesTheChannelStatus() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try Self.configure(harness, tenant)
        let body = #"{"event":"connection.update","instance":"hotel_abc","data":{"state":"open"}}"#
        #expect(try Self.post(harness, body).status == 200)
        #expect(harness.services.channels.channel(tenant: tenant.id)?.connectionState == .open)
        try harness.caughtUp()
        let channels =
            try harness.send("GET", "/api/channels", tenant: tenant).object["data"] as? [[String: Any]]
        #expect(channels?.first?["status"] as? String == "CONNECTED")
        let head = try harness.store.head()
        #expect(try Self.post(harness, body).status == 200)
        #expect(try harness.store.head() == head)
    }

    @Test func apiKeyIsAcceptedInTheBodyAndRefusedWhenWrong() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try Self.configure(harness, tenant)
        let head = try harness.store.head()
        let body = Self.upsert(id: "BAE5IN", fromMe: false, text: "Oi")
        #expect(try Self.post(harness, body, apikey: "wrong").status == 401)
        #expect(try Self.post(harness, body, apikey: nil).status == 401)
        #expect(try harness.store.head() == head)
        let inBody = body.replacingOccurrences(of: #"{"event""#, with: #"{"apikey":"evo-key","event""#)
        #expect(try Self.post(harness, inBody, apikey: nil).status == 200)
        let unknown = try harness.client.send(
            "POST", "/webhook/other", headers: ["apikey": "evo-key"], body: Array(body.utf8))
        // An unknown instance answers exactly like a wrong key: instances cannot be probed.
        let wrongKey = try Self.post(harness, body, apikey: "wrong")
        #expect(unknown.status == 401)
        #expect(unknown.body == wrongKey.body)
    }

    @Test func replyGoesOutThroughSendTextWithTheAPIKey() throws {
        let harness = try MessagingHarness()
        let tenant = try harness.registerTenant("hotel-a")
        try Self.configure(harness, tenant)
        #expect(try Self.post(harness, Self.upsert(id: "BAE5IN", fromMe: false, text: "Oi")).status == 200)
        let conversation = try #require(try harness.conversations(tenant).first)
        let created = try OutboundMessageTests.sendText(harness, tenant, conversation.id, "Olá Maria")
        #expect(created.status == 201)
        let sent = try harness.message(tenant, id: created.object["id"] as? String ?? "") {
            $0.status == "SENT"
        }
        #expect(sent.whatsappMessageId?.hasPrefix("3EB0FAKE") == true)
        let request = try #require(harness.provider.requests.first)
        #expect(request.path == "/message/sendText/hotel_abc")
        #expect(request.headers["apikey"] == "evo-key")
        #expect(request.json["number"] as? String == "5511988887777")
        #expect(request.json["text"] as? String == "Olá Maria")
    }
}
