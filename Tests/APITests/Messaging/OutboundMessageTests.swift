import Foundation
import Testing

@testable import API

@Suite("Outbound messages and the dispatcher", .serialized)
struct OutboundMessageTests {
    static let customer = "5511999999999"

    /// A tenant with a Meta channel on the fake provider and a conversation opened by the
    /// customer `secondsAgo` seconds ago.
    static func conversation(_ harness: MessagingHarness, secondsAgo: Int64 = 0) throws -> (
        TestTenant, String
    ) {
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111")
        let body = MetaWebhookBodies.text(
            phoneNumberId: "111", from: customer, wamid: "wamid.IN1", body: "Olá",
            timestamp: MetaWebhookBodies.nowSeconds - secondsAgo)
        #expect(try harness.postMeta(body).status == 200)
        let conversation = try #require(try harness.conversations(tenant).first)
        return (tenant, conversation.id)
    }

    static func sendText(
        _ harness: MessagingHarness, _ tenant: TestTenant, _ conversation: String, _ text: String
    )
        throws -> TestResponse
    {
        try harness.send(
            "POST", "/api/messages", tenant: tenant,
            json: #"{"conversationId":"\#(conversation)","type":"TEXT","content":"\#(text)"}"#)
    }

    @Test func replyIsSentToTheProviderAndFollowsItsStatusesToRead() throws {
        let harness = try MessagingHarness()
        let (tenant, conversation) = try Self.conversation(harness)
        let created = try Self.sendText(harness, tenant, conversation, "Olá! Como posso ajudar?")
        #expect(created.status == 201)
        #expect(created.object["direction"] as? String == "OUTBOUND")
        #expect(created.object["content"] as? String == "Olá! Como posso ajudar?")
        #expect(["QUEUED", "SENT"].contains(created.object["status"] as? String))
        #expect(created.header("X-Log-Position") != nil)
        let id = try #require(created.object["id"] as? String)

        let sent = try harness.message(tenant, id: id) { $0.status == "SENT" }
        let wamid = try #require(sent.whatsappMessageId)
        let request = try #require(harness.provider.requests.first)
        #expect(request.path == "/v21.0/111/messages")
        #expect(request.headers["authorization"] == "Bearer token-111")
        #expect(request.headers["idempotency-key"] == id)
        let json = request.json
        #expect(json["messaging_product"] as? String == "whatsapp")
        #expect(json["to"] as? String == Self.customer)
        #expect(json["type"] as? String == "text")
        #expect((json["text"] as? [String: Any])?["body"] as? String == "Olá! Como posso ajudar?")

        for status in ["delivered", "read"] {
            let reply = harness.provider.postStatus(
                to: harness.webhookURL, appSecret: "app-secret", phoneNumberId: "111", wamid: wamid,
                status: status,
                recipient: Self.customer, timestamp: MetaWebhookBodies.nowSeconds)
            #expect(reply == .http(status: 200, body: Array("EVENT_RECEIVED".utf8)))
        }
        let read = try harness.message(tenant, id: id) { $0.status == "READ" }
        #expect(read.deliveredAt != nil)
        #expect(read.readAt != nil)
    }

    @Test func statusesInReverseOrderEndInRead() throws {
        let harness = try MessagingHarness()
        let (tenant, conversation) = try Self.conversation(harness)
        let id = try #require(try Self.sendText(harness, tenant, conversation, "Oi").object["id"] as? String)
        let wamid = try #require(
            try harness.message(tenant, id: id) { $0.status == "SENT" }.whatsappMessageId)
        for status in ["read", "delivered", "sent"] {
            _ = harness.provider.postStatus(
                to: harness.webhookURL, appSecret: "app-secret", phoneNumberId: "111", wamid: wamid,
                status: status,
                recipient: Self.customer, timestamp: MetaWebhookBodies.nowSeconds)
        }
        try harness.caughtUp()
        #expect(try harness.message(tenant, id: id) { _ in true }.status == "READ")
    }

    @Test func statusThatArrivesBeforeTheSendIsAppliedWhenTheSendIsRecorded() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let (tenant, conversation) = try Self.conversation(harness)
        let id = try #require(try Self.sendText(harness, tenant, conversation, "Oi").object["id"] as? String)
        // The provider will answer with this wamid; its status webhooks win the race.
        let earlyWamid = "wamid.EARLY"
        let body = MetaWebhookBodies.statuses(
            phoneNumberId: "111",
            [(earlyWamid, "delivered", Self.customer), (earlyWamid, "read", Self.customer)])
        #expect(try harness.postMeta(body).status == 200)
        #expect(try harness.message(tenant, id: id) { _ in true }.status == "QUEUED")

        harness.provider.assignWamids([earlyWamid])
        harness.restartDispatcher()
        let read = try harness.message(tenant, id: id) { $0.status == "READ" }
        #expect(read.whatsappMessageId == earlyWamid)
    }

    @Test func rateLimitedSendIsRetriedThenSent() throws {
        let harness = try MessagingHarness()
        let (tenant, conversation) = try Self.conversation(harness)
        harness.provider.failNext([.rateLimited])
        let id = try #require(try Self.sendText(harness, tenant, conversation, "Oi").object["id"] as? String)
        let sent = try harness.message(tenant, id: id) { $0.status == "SENT" }
        #expect(sent.whatsappMessageId?.hasPrefix("wamid.FAKE") == true)
        #expect(harness.provider.requests.count == 2)
        #expect(harness.metrics.render().contains("dispatcher_sends_total{outcome=\"retry\"} 1"))
    }

    @Test func finalFailureKeepsTheWhatsAppCode() throws {
        let harness = try MessagingHarness()
        let (tenant, conversation) = try Self.conversation(harness)
        harness.provider.failNext([.undeliverable])
        let id = try #require(try Self.sendText(harness, tenant, conversation, "Oi").object["id"] as? String)
        let failed = try harness.message(tenant, id: id) { $0.status == "FAILED" }
        #expect(failed.errorCode == 131026)
        #expect(failed.errorTitle == "Message undeliverable")
        #expect(harness.provider.requests.count == 1)
    }

    @Test func retryableFailuresBecomeFinalAfterTheLastAttempt() throws {
        let harness = try MessagingHarness()
        let (tenant, conversation) = try Self.conversation(harness)
        harness.provider.failNext([.httpStatus(503), .httpStatus(503), .httpStatus(503)])
        let id = try #require(try Self.sendText(harness, tenant, conversation, "Oi").object["id"] as? String)
        let failed = try harness.message(tenant, id: id) { $0.status == "FAILED" }
        #expect(failed.errorCode == 503)
        #expect(harness.provider.requests.count == harness.dispatcherConfiguration.maxAttempts)
    }

    @Test func freeFormMessageOutsideTheWindowIsRefusedButATemplateIsAccepted() throws {
        let harness = try MessagingHarness()
        let (tenant, conversation) = try Self.conversation(harness, secondsAgo: 25 * 3600)
        let head = try harness.store.head()
        let text = try Self.sendText(harness, tenant, conversation, "Oi")
        #expect(text.status == 422)
        #expect(text.errorCode == "ERR_WINDOW_CLOSED")
        #expect(try harness.store.head() == head)
        let template = try harness.send(
            "POST", "/api/messages/template", tenant: tenant,
            json: """
                {"conversationId":"\(conversation)","templateName":"reserva_confirmada",\
                "parameters":["João Silva","15"],"languageCode":"pt_BR"}
                """)
        #expect(template.status == 201)
        #expect(template.object["type"] as? String == "TEMPLATE")
        let id = try #require(template.object["id"] as? String)
        _ = try harness.message(tenant, id: id) { $0.status == "SENT" }
        let json = try #require(harness.provider.requests.last).json
        let sentTemplate = try #require(json["template"] as? [String: Any])
        #expect(sentTemplate["name"] as? String == "reserva_confirmada")
        #expect((sentTemplate["language"] as? [String: Any])?["code"] as? String == "pt_BR")
        let components = try #require(sentTemplate["components"] as? [[String: Any]])
        let parameters = try #require(components.first?["parameters"] as? [[String: Any]])
        #expect(parameters.map { $0["text"] as? String } == ["João Silva", "15"])
    }

    @Test func mediaButtonsAndListsReachTheProviderAsCloudAPIBodies() throws {
        let harness = try MessagingHarness()
        let (tenant, conversation) = try Self.conversation(harness)
        let image = try harness.send(
            "POST", "/api/messages", tenant: tenant,
            json: """
                {"conversationId":"\(conversation)","type":"IMAGE","content":"https://cdn.example.com/q.jpg",\
                "metadata":{"caption":"Foto do quarto"}}
                """)
        #expect(image.status == 201)
        let buttons = try harness.send(
            "POST", "/api/messages/buttons", tenant: tenant,
            json: """
                {"conversationId":"\(conversation)","bodyText":"Escolha:","buttons":[{"id":"opt1","title":"Nova Reserva"},\
                {"id":"opt2","title":"Ver Reservas"}],"headerText":"Menu","footerText":"24/7"}
                """)
        #expect(buttons.status == 201)
        #expect(buttons.object["type"] as? String == "INTERACTIVE")
        let list = try harness.send(
            "POST", "/api/messages/list", tenant: tenant,
            json: """
                {"conversationId":"\(conversation)","bodyText":"Quartos","buttonText":"Ver quartos",\
                "sections":[{"title":"Standard","rows":[{"id":"s","title":"Single","description":"R$ 150"}]}]}
                """)
        #expect(list.status == 201)
        for response in [image, buttons, list] {
            _ = try harness.message(tenant, id: response.object["id"] as? String ?? "") {
                $0.status == "SENT"
            }
        }
        let bodies = harness.provider.requests.map(\.json)
        let imageBody = try #require(bodies.first { $0["type"] as? String == "image" })
        #expect((imageBody["image"] as? [String: Any])?["link"] as? String == "https://cdn.example.com/q.jpg")
        #expect((imageBody["image"] as? [String: Any])?["caption"] as? String == "Foto do quarto")
        let interactive = bodies.compactMap { $0["interactive"] as? [String: Any] }
        let buttonBody = try #require(interactive.first { $0["type"] as? String == "button" })
        let replies = (buttonBody["action"] as? [String: Any])?["buttons"] as? [[String: Any]] ?? []
        #expect(
            replies.map { ($0["reply"] as? [String: Any])?["title"] as? String } == [
                "Nova Reserva", "Ver Reservas",
            ])
        let listBody = try #require(interactive.first { $0["type"] as? String == "list" })
        #expect((listBody["action"] as? [String: Any])?["button"] as? String == "Ver quartos")
    }

    @Test func dispatcherRestartResumesAQueuedSend() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let (tenant, conversation) = try Self.conversation(harness)
        let id = try #require(try Self.sendText(harness, tenant, conversation, "Oi").object["id"] as? String)
        #expect(try harness.message(tenant, id: id) { _ in true }.status == "QUEUED")
        #expect(harness.provider.requests.isEmpty)
        harness.restartDispatcher()
        let sent = try harness.message(tenant, id: id) { $0.status == "SENT" }
        #expect(sent.whatsappMessageId != nil)
        // Another restart finds nothing left to send.
        harness.restartDispatcher()
        Thread.sleep(forTimeInterval: 0.3)
        #expect(harness.provider.requests.count == 1)
        #expect(harness.dispatcher.pendingCount == 0)
    }

    @Test func resendAfterACrashReusesTheProvidersMessageId() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let (tenant, conversation) = try Self.conversation(harness)
        let id = try #require(try Self.sendText(harness, tenant, conversation, "Oi").object["id"] as? String)
        // A previous process reached the provider, then died before recording the answer.
        let first = ProviderClient().send(
            ProviderRequest(
                url: harness.provider.baseURL + "/v21.0/111/messages",
                headers: ["Content-Type": "application/json", "Idempotency-Key": id],
                body: Array(
                    #"{"messaging_product":"whatsapp","to":"5511999999999","type":"text","text":{"body":"Oi"}}"#
                        .utf8)))
        guard case .http(200, let answer) = first else {
            Issue.record("provider did not accept: \(first)")
            return
        }
        let answered = try #require(
            ((try JSONSerialization.jsonObject(with: Data(answer)) as? [String: Any])?["messages"]
                as? [[String: Any]])?
                .first?["id"] as? String)
        harness.restartDispatcher()
        let sent = try harness.message(tenant, id: id) { $0.status == "SENT" }
        #expect(sent.whatsappMessageId == answered)
    }

    @Test func markReadResetsTheUnreadCount() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let (tenant, conversation) = try Self.conversation(harness)
        let inbound = try #require(try harness.messages(tenant, conversation: conversation).first)
        let response = try harness.send("POST", "/api/messages/\(inbound.id)/read", tenant: tenant)
        #expect(response.status == 204)
        #expect(try harness.conversations(tenant).first?.unreadCount == 0)
        #expect(try harness.send("POST", "/api/messages/\(UUID())/read", tenant: tenant).status == 404)
        #expect(try harness.send("POST", "/api/messages/not-a-uuid/read", tenant: tenant).errorField == "id")
    }

    @Test func searchFindsMessagesByText() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let (tenant, conversation) = try Self.conversation(harness)
        let webhook = try harness.postMeta(
            MetaWebhookBodies.text(
                phoneNumberId: "111", from: Self.customer, wamid: "wamid.IN2", body: "quero uma reserva"))
        let position = try #require(webhook.header("X-Log-Position"))
        let found = try harness.client.send(
            "GET", "/api/messages/search?query=reserva&conversationId=\(conversation)&limit=10",
            headers: ["Authorization": "Bearer " + tenant.token, "X-Min-Position": position])
        #expect(found.status == 200)
        #expect(found.object["count"] as? Int == 1)
        #expect(try harness.send("GET", "/api/messages/search", tenant: tenant).errorField == "query")
        #expect(
            try harness.send("GET", "/api/messages/search?query=x&limit=500", tenant: tenant).errorField
                == "limit")
        #expect(
            try harness.send("GET", "/api/messages/search?query=x&conversationId=nope", tenant: tenant)
                .errorField
                == "conversationId")
    }

    @Test func anotherTenantsIdsAreNotFound() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let (owner, conversation) = try Self.conversation(harness)
        let other = try harness.registerTenant("hotel-b")
        let send = try Self.sendText(harness, other, conversation, "Oi")
        #expect(send.status == 404)
        let template = try harness.send(
            "POST", "/api/messages/template", tenant: other,
            json:
                #"{"conversationId":"\#(conversation)","templateName":"x","parameters":[],"languageCode":"pt_BR"}"#
        )
        #expect(template.status == 404)
        let inbound = try #require(try harness.messages(owner, conversation: conversation).first)
        #expect(try harness.send("POST", "/api/messages/\(inbound.id)/read", tenant: other).status == 404)
        let search = try harness.send("GET", "/api/messages/search?query=Olá", tenant: other)
        #expect(search.object["count"] as? Int == 0)
    }
}
