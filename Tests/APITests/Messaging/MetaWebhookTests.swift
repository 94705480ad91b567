import Foundation
import Testing

@testable import API

@Suite("Meta webhooks", .serialized)
struct MetaWebhookTests {
    /// One inbound message per WhatsApp type: type name, type object, expected seed 001 type.
    static let messageTypes: [(type: String, object: String, expected: String)] = [
        ("text", #"{"body":"Olá, gostaria de fazer uma reserva"}"#, "TEXT"),
        ("image", #"{"id":"m1","mime_type":"image/jpeg","caption":"o quarto"}"#, "IMAGE"),
        ("audio", #"{"id":"m2","mime_type":"audio/ogg"}"#, "AUDIO"),
        ("video", #"{"id":"m3","mime_type":"video/mp4","caption":"vídeo"}"#, "VIDEO"),
        ("document", #"{"id":"m4","mime_type":"application/pdf","filename":"reserva.pdf"}"#, "DOCUMENT"),
        ("sticker", #"{"id":"m5","mime_type":"image/webp"}"#, "STICKER"),
        ("location", #"{"latitude":-23.5,"longitude":-46.6,"name":"Hotel"}"#, "LOCATION"),
        (
            "contacts", #"[{"name":{"formatted_name":"Ana"},"phones":[{"phone":"+55 11 98888-7777"}]}]"#,
            "CONTACTS"
        ),
        (
            "interactive", #"{"type":"button_reply","button_reply":{"id":"opt1","title":"Nova Reserva"}}"#,
            "INTERACTIVE"
        ),
        (
            "interactive",
            #"{"type":"list_reply","list_reply":{"id":"r1","title":"Single","description":"Cama"}}"#,
            "INTERACTIVE"
        ),
        ("button", #"{"text":"Confirmar","payload":"CONFIRM"}"#, "BUTTON"),
        ("reaction", #"{"message_id":"wamid.earlier","emoji":"👍"}"#, "REACTION"),
        ("unsupported", #"{"errors":[{"code":131051}]}"#, "UNSUPPORTED"),
    ]

    @Test(arguments: 0..<messageTypes.count)
    func signedMessageAppearsInTheConversationList(index: Int) throws {
        let (type, object, expected) = Self.messageTypes[index]
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111")
        let body = MetaWebhookBodies.message(
            phoneNumberId: "111", from: "5511999999999", wamid: "wamid.\(type).\(index)",
            timestamp: MetaWebhookBodies.nowSeconds, type: type, object: object)
        let response = try harness.postMeta(body)
        #expect(response.status == 200)
        #expect(response.text == "EVENT_RECEIVED")
        let conversations = try harness.conversations(tenant)
        #expect(conversations.count == 1)
        let conversation = try #require(conversations.first)
        #expect(conversation.contact.phoneNumber == "5511999999999")
        #expect(conversation.contact.name == "João Silva")
        #expect(conversation.unreadCount == 1)
        #expect(conversation.status == "OPEN")
        #expect(conversation.lastMessage?.direction == "INBOUND")
        #expect(conversation.lastMessage?.type == expected)
        let messages = try harness.messages(tenant, conversation: conversation.id)
        #expect(messages.map(\.whatsappMessageId) == ["wamid.\(type).\(index)"])
    }

    @Test func redeliveredBodyAppendsNothing() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111")
        let body = MetaWebhookBodies.text(
            phoneNumberId: "111", from: "5511999999999", wamid: "wamid.A", body: "Oi")
        #expect(try harness.postMeta(body).status == 200)
        let head = try harness.store.head()
        #expect(try harness.postMeta(body).status == 200)
        #expect(try harness.store.head() == head)
        let conversations = try harness.conversations(tenant)
        #expect(conversations.count == 1)
        #expect(conversations.first?.unreadCount == 1)
    }

    @Test func oneAppendHoldsTheRawBodyAndEveryDerivedEvent() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111")
        let before = try harness.store.head()
        let body = MetaWebhookBodies.text(
            phoneNumberId: "111", from: "5511999999999", wamid: "wamid.A", body: "Oi")
        #expect(try harness.postMeta(body).status == 200)
        let appended = try harness.store.read(from: before + 1, limit: 100)
        #expect(
            appended.map(\.type) == [
                "RawWebhookReceived.v1", "ContactRegistered.v1", "ConversationOpened.v1",
                "MessageReceived.v1",
            ])
        let raw = try #require(appended.first)
        #expect(appended.dropFirst().allSatisfy { $0.metadata.causationId == raw.id })
        #expect(Set(appended.map(\.recordedAt)).count == 1)
    }

    @Test func secondMessageOfTheSameContactGoesToTheSameConversation() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111")
        #expect(
            try harness.postMeta(
                MetaWebhookBodies.text(
                    phoneNumberId: "111", from: "5511999999999", wamid: "wamid.1", body: "Oi")
            ).status == 200)
        #expect(
            try harness.postMeta(
                MetaWebhookBodies.text(
                    phoneNumberId: "111", from: "5511999999999", wamid: "wamid.2", body: "Tem vaga?",
                    name: "João S.")
            ).status == 200)
        let conversations = try harness.conversations(tenant)
        #expect(conversations.count == 1)
        #expect(conversations.first?.unreadCount == 2)
        #expect(conversations.first?.lastMessage?.content == "Tem vaga?")
        #expect(conversations.first?.contact.name == "João S.")
    }

    @Test func badOrMissingSignatureIsRefusedAndAppendsNothing() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111", appSecret: "right")
        let body = MetaWebhookBodies.text(
            phoneNumberId: "111", from: "5511999999999", wamid: "wamid.A", body: "Oi")
        let head = try harness.store.head()
        #expect(try harness.postMeta(body, secret: "wrong").status == 401)
        #expect(try harness.postMeta(body, signature: "sha256=zz").status == 401)
        #expect(try harness.postMeta(body, signature: "").status == 401)
        let unsigned = try harness.client.send(
            "POST", "/webhooks/whatsapp", headers: ["Content-Type": "application/json"],
            body: Array(body.utf8))
        #expect(unsigned.status == 401)
        #expect(try harness.store.head() == head)
        #expect(try harness.postMeta(body, secret: "right").status == 200)
    }

    @Test func unknownNumberAnswersLikeABadSignatureAndAppendsNothing() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111")
        let head = try harness.store.head()
        let unknown = try harness.postMeta(
            MetaWebhookBodies.text(phoneNumberId: "999", from: "5511999999999", wamid: "wamid.A", body: "Oi"))
        let unsigned = try harness.postMeta(
            MetaWebhookBodies.text(phoneNumberId: "111", from: "5511999999999", wamid: "wamid.A", body: "Oi"),
            secret: "not-the-secret")
        // The same answer for a number that is not a channel and one that is but is not signed.
        #expect(unknown.status == 401)
        #expect(unsigned.status == 401)
        #expect(unknown.body == unsigned.body)
        #expect(try harness.store.head() == head)
    }

    @Test func entriesForNumbersThatAreNotChannelsHereDoNotCostTheOthersTheirMessages() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111")
        let known = MetaWebhookBodies.text(
            phoneNumberId: "111", from: "5511999999999", wamid: "wamid.KNOWN", body: "Oi")
        let unknown = MetaWebhookBodies.text(
            phoneNumberId: "999", from: "5511888888888", wamid: "wamid.OTHER", body: "Olá")
        // One body, two entries: Meta batches the numbers of one app in one delivery.
        func entries(_ body: String) -> Substring {
            let start = body.range(of: "\"entry\":[")!.upperBound
            return body[start..<body.index(body.endIndex, offsetBy: -2)]
        }
        let body =
            #"{"object":"whatsapp_business_account","entry":["# + entries(unknown) + "," + entries(known)
            + "]}"
        #expect(try harness.postMeta(body).status == 200)
        let conversations = try harness.conversations(tenant)
        #expect(conversations.count == 1)
        #expect(conversations.first?.lastMessage?.content == "Oi")
    }

    @Test func malformedBodyIsRefusedNamingThePath() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111")
        let head = try harness.store.head()
        let response = try harness.postMeta(#"{"entry":[{"changes":[{"value":{"messages":[{"id":"x"}]}}]}]}"#)
        #expect(response.status == 400)
        #expect(try harness.store.head() == head)
    }

    @Test func bodyOverThreeMebibytesIsRefused() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let head = try harness.store.head()
        // Only the headers go out: the 413 comes without the server reading the body.
        let request =
            "POST /webhooks/whatsapp HTTP/1.1\r\nHost: x\r\nContent-Length: \((3 << 20) + 1)\r\n\r\n"
        let response = try harness.client.exchange(Array(request.utf8))
        #expect(response.status == 413)
        #expect(try harness.store.head() == head)
    }
}
