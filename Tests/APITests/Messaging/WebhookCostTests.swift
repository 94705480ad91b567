import Foundation
import Projections
import Testing

@testable import API

/// What used to make a webhook slow, conflicting or poisonous, kept as behaviour: bodies of
/// many messages, many clients writing to one contact, texts PostgreSQL cannot index whole.
@Suite("Webhook cost, contention and totality", .serialized)
struct WebhookCostTests {
    /// One signed body of `count` text messages from `phone`.
    static func bigBody(phoneNumberId: String, phone: String, wamidPrefix: String, count: Int) -> String {
        let messages = (0..<count).map { index in
            #"{"from":"\#(phone)","id":"\#(wamidPrefix).\#(index)","timestamp":"\#(MetaWebhookBodies.nowSeconds)","type":"text","text":{"body":"Mensagem \#(index)"}}"#
        }.joined(separator: ",")
        return
            #"{"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"\#(phoneNumberId)"},"contacts":[{"profile":{"name":"Cliente"},"wa_id":"\#(phone)"}],"messages":[\#(messages)]}}]}]}"#
    }

    /// Before: each message of a body refolded its whole conversation, copying the message
    /// table per event, so 2 000 messages took about a minute (and 10 000 ran for minutes).
    @Test func aBodyOfTwoThousandMessagesFromOneContactIsRecordedWhole() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111")
        let body = Self.bigBody(
            phoneNumberId: "111", phone: "5511999990000", wamidPrefix: "wamid.BIG", count: 2_000)
        let started = Date()
        let response = try harness.postMeta(body)
        #expect(response.status == 200)
        // Not a timing assertion: a bound far above the linear cost that catches the cubic one.
        #expect(Date().timeIntervalSince(started) < 30)
        let conversations = try harness.conversations(tenant)
        #expect(conversations.count == 1)
        #expect(conversations.first?.unreadCount == 2_000)
        // A redelivery appends nothing.
        let head = try harness.store.head()
        #expect(try harness.postMeta(body).status == 200)
        #expect(try harness.store.head() == head)
    }

    /// Before: 11–15 % of concurrent webhooks for one conversation answered 409.
    @Test func thirtyTwoClientsPostingForOneContactAreAllAcknowledged() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111")
        let clients = 32
        let perClient = 4
        let statuses = ResultsBox<[Int]>(count: clients)
        let port = harness.server.port
        let group = DispatchGroup()
        for client in 0..<clients {
            group.enter()
            Thread {
                defer { group.leave() }
                let http = TestHTTPClient(port: port)
                var answers: [Int] = []
                for index in 0..<perClient {
                    let body = Array(
                        MetaWebhookBodies.text(
                            phoneNumberId: "111", from: "5511999999999", wamid: "wamid.C\(client).\(index)",
                            body: "cliente \(client) mensagem \(index)"
                        ).utf8)
                    let signature = WebhookSignature.sign(body: body, secret: Array("app-secret".utf8))
                    answers.append(
                        (try? http.send(
                            "POST", "/webhooks/whatsapp", headers: ["X-Hub-Signature-256": signature],
                            body: body
                        ).status) ?? -1)
                }
                statuses.set(client, .success(answers))
            }.start()
        }
        #expect(group.wait(timeout: .now() + 120) == .success)
        let answers = statuses.values.flatMap { (try? $0.get()) ?? [] }
        #expect(answers.count == clients * perClient)
        #expect(answers.allSatisfy { $0 == 200 }, "non-200 answers: \(answers.filter { $0 != 200 })")
        let conversations = try harness.conversations(tenant)
        #expect(conversations.count == 1)
        #expect(conversations.first?.unreadCount == clients * perClient)
    }

    /// Before: a 1.9 MiB text was acknowledged, then PostgreSQL refused its full-text row and
    /// the projector retried it forever, so no tenant's new messages appeared again.
    @Test func aTextTooLongForPostgresFullTextIsProjectedSearchableAndRebuilt() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let first = try harness.registerTenant("hotel-a")
        let second = try harness.registerTenant("hotel-b")
        try harness.configureMeta(first, phoneNumberId: "111")
        try harness.configureMeta(second, phoneNumberId: "222")
        var words = ["abacaxi"]
        var length = 7
        var index = 0
        while length < 1_900_000 {
            let word = "palavra\(index)"
            words.append(word)
            length += word.count + 1
            index += 1
        }
        let huge = words.joined(separator: " ")
        #expect(
            try harness.postMeta(
                MetaWebhookBodies.text(
                    phoneNumberId: "111", from: "5511911111111", wamid: "wamid.HUGE", body: huge)
            ).status == 200)
        #expect(
            try harness.postMeta(
                MetaWebhookBodies.text(
                    phoneNumberId: "222", from: "5511922222222", wamid: "wamid.B", body: "Oi")
            ).status == 200)
        #expect(try harness.conversations(second).first?.lastMessage?.content == "Oi")
        let conversation = try #require(try harness.conversations(first).first)
        #expect(try harness.messages(first, conversation: conversation.id).first?.content == huge)
        #expect(harness.projector.holds.isEmpty)
        #expect(try harness.readModel.searchMessages(tenant: first.id, query: "abacaxi").count == 1)
        let digest = try harness.readModel.digest()
        try Rebuilder(store: harness.store, database: harness.database).rebuildAll()
        #expect(try harness.readModel.digest() == digest)
    }
}
