import Domain
import Foundation
import Testing

@Suite struct MetaWebhookTranslatorTests {
    struct MessageCase: Sendable, CustomTestStringConvertible {
        var type: String
        var object: String
        var expectedType: InboundMessageType
        var expectedContent: InboundContent
        var expectedReplyTo: String? = nil
        var testDescription: String { type }
    }

    static let messageCases: [MessageCase] = [
        MessageCase(
            type: "text", object: #"{"body":"Olá, quero reservar"}"#, expectedType: .text,
            expectedContent: InboundContent(text: "Olá, quero reservar")),
        MessageCase(
            type: "image", object: #"{"id":"M1","mime_type":"image/jpeg","sha256":"x","caption":"Quarto"}"#,
            expectedType: .image,
            expectedContent: InboundContent(caption: "Quarto", mediaId: "M1", mimeType: "image/jpeg")),
        MessageCase(
            type: "audio", object: #"{"id":"M2","mime_type":"audio/ogg","voice":true}"#, expectedType: .audio,
            expectedContent: InboundContent(mediaId: "M2", mimeType: "audio/ogg")),
        MessageCase(
            type: "video", object: #"{"id":"M3","mime_type":"video/mp4","caption":"Tour"}"#,
            expectedType: .video,
            expectedContent: InboundContent(caption: "Tour", mediaId: "M3", mimeType: "video/mp4")),
        MessageCase(
            type: "document",
            object: #"{"id":"M4","mime_type":"application/pdf","filename":"reserva.pdf","caption":"PDF"}"#,
            expectedType: .document,
            expectedContent: InboundContent(
                caption: "PDF", mediaId: "M4", mimeType: "application/pdf", filename: "reserva.pdf")),
        MessageCase(
            type: "sticker", object: #"{"id":"M5","mime_type":"image/webp","animated":false}"#,
            expectedType: .sticker,
            expectedContent: InboundContent(mediaId: "M5", mimeType: "image/webp")),
        MessageCase(
            type: "location",
            object: #"{"latitude":-23.5,"longitude":-46.6,"name":"Hotel","address":"Av. Paulista"}"#,
            expectedType: .location,
            expectedContent: InboundContent(
                location: SharedLocation(
                    latitude: -23.5, longitude: -46.6, name: "Hotel", address: "Av. Paulista"))),
        MessageCase(
            type: "interactive",
            object: #"{"type":"button_reply","button_reply":{"id":"opt1","title":"Nova Reserva"}}"#,
            expectedType: .interactive, expectedContent: InboundContent(text: "Nova Reserva", replyId: "opt1")
        ),
        MessageCase(
            type: "interactive",
            object:
                #"{"type":"list_reply","list_reply":{"id":"quarto_single","title":"Single","description":"Cama de solteiro"}}"#,
            expectedType: .interactive,
            expectedContent: InboundContent(
                text: "Single", replyId: "quarto_single", replyDescription: "Cama de solteiro")),
        MessageCase(
            type: "button", object: #"{"payload":"CONFIRMAR","text":"Confirmar"}"#, expectedType: .button,
            expectedContent: InboundContent(text: "Confirmar", replyId: "CONFIRMAR")),
        MessageCase(
            type: "reaction", object: #"{"message_id":"wamid.OUT9","emoji":"👍"}"#, expectedType: .reaction,
            expectedContent: InboundContent(emoji: "👍"), expectedReplyTo: "wamid.OUT9"),
        MessageCase(
            type: "unsupported", object: #"{}"#, expectedType: .unsupported, expectedContent: InboundContent()
        ),
        MessageCase(
            type: "order", object: #"{"catalog_id":"1","product_items":[]}"#, expectedType: .unsupported,
            expectedContent: InboundContent()),
    ]

    @Test(arguments: messageCases)
    func everyMessageTypeTranslates(_ testCase: MessageCase) throws {
        let body = WebhookBodies.meta(messages: [
            WebhookBodies.metaMessage(type: testCase.type, object: testCase.object)
        ])
        let translation = try MetaWebhookTranslator.translate(body)
        #expect(translation.channels.map(\.channelId) == ["PNID1"])
        #expect(translation.channels.first?.tenantKey == "meta-number:PNID1")
        #expect(translation.channels.first?.displayPhoneNumber == "15550001111")
        guard case .message(let message) = try #require(translation.allItems.first) else {
            Issue.record("not a message")
            return
        }
        #expect(message.type == testCase.expectedType)
        #expect(message.content == testCase.expectedContent)
        #expect(message.replyToWamid == testCase.expectedReplyTo)
        #expect(message.from == "5511999999999")
        #expect(message.profileName == "João Silva")
        #expect(message.timestamp == 1_731_400_000_000)
        #expect(message.wamid == "wamid.IN1")
    }

    @Test func contactsMessageKeepsEveryCard() throws {
        let object =
            #"[{"name":{"formatted_name":"Ana"},"phones":[{"phone":"+55 11 1111","type":"CELL"}]},{"name":{"formatted_name":"Bia"},"phones":[]}]"#
        let message =
            #"{"from":"5511999999999","id":"wamid.C","timestamp":"1","type":"contacts","contacts":\#(object)}"#
        let translation = try MetaWebhookTranslator.translate(WebhookBodies.meta(messages: [message]))
        guard case .message(let received) = try #require(translation.allItems.first) else {
            Issue.record("expected .message")
            return
        }
        #expect(received.type == .contacts)
        #expect(
            received.content.contacts == [
                SharedContact(name: "Ana", phones: ["+55 11 1111"]), SharedContact(name: "Bia", phones: []),
            ])
    }

    @Test func replyContextIsKept() throws {
        let message = WebhookBodies.metaMessage(
            type: "text", object: #"{"body":"sim"}"#, context: "wamid.OUT3")
        guard
            case .message(let received) = try MetaWebhookTranslator.translate(
                WebhookBodies.meta(messages: [message])
            ).allItems.first
        else {
            Issue.record("no message")
            return
        }
        #expect(received.replyToWamid == "wamid.OUT3")
    }

    @Test(arguments: [("sent", DeliveryStatus.sent), ("delivered", .delivered), ("read", .read)])
    func deliveryStatusesTranslate(raw: String, expected: DeliveryStatus) throws {
        let translation = try MetaWebhookTranslator.translate(
            WebhookBodies.meta(statuses: [WebhookBodies.metaStatus(status: raw)]))
        #expect(
            translation.allItems == [
                .status(
                    StatusReport(
                        provider: .meta, wamid: "wamid.OUT1", status: expected, timestamp: 1_731_400_100_000,
                        recipient: "5511999999999"))
            ])
    }

    @Test func failedStatusCarriesCodeTitleAndDetails() throws {
        let errors =
            #"[{"code":131047,"title":"Re-engagement message","message":"Re-engagement message","error_data":{"details":"Message failed to send because more than 24 hours have passed"}}]"#
        let translation = try MetaWebhookTranslator.translate(
            WebhookBodies.meta(statuses: [WebhookBodies.metaStatus(status: "failed", errors: errors)]))
        guard case .status(let report) = try #require(translation.allItems.first) else {
            Issue.record("expected .status")
            return
        }
        #expect(report.status == .failed)
        #expect(
            report.failure
                == DeliveryFailure(
                    code: 131047, title: "Re-engagement message",
                    details: "Message failed to send because more than 24 hours have passed", retryable: false
                ))
    }

    @Test func throttlingFailureIsRetryable() throws {
        let errors = #"[{"code":130429,"title":"Rate limit hit"}]"#
        let translation = try MetaWebhookTranslator.translate(
            WebhookBodies.meta(statuses: [WebhookBodies.metaStatus(status: "failed", errors: errors)]))
        guard case .status(let report) = try #require(translation.allItems.first) else {
            Issue.record("expected .status")
            return
        }
        #expect(report.failure?.retryable == true)
        #expect(report.failure?.details == nil)
    }

    @Test func unknownStatusValueIsSkipped() throws {
        let translation = try MetaWebhookTranslator.translate(
            WebhookBodies.meta(statuses: [WebhookBodies.metaStatus(status: "deleted")]))
        #expect(translation.allItems.isEmpty)
    }

    @Test func twoEntriesForTwoNumbersAreGroupedPerNumber() throws {
        let first = WebhookBodies.metaEntry(
            phoneNumberId: "PN-A",
            messages: [WebhookBodies.metaMessage(id: "wamid.A1", type: "text", object: #"{"body":"a1"}"#)],
            statuses: [WebhookBodies.metaStatus(id: "wamid.A0", status: "read")])
        let second = WebhookBodies.metaEntry(
            phoneNumberId: "PN-B",
            messages: [
                WebhookBodies.metaMessage(id: "wamid.B1", type: "text", object: #"{"body":"b1"}"#),
                WebhookBodies.metaMessage(id: "wamid.B2", type: "text", object: #"{"body":"b2"}"#),
            ])
        let third = WebhookBodies.metaEntry(
            phoneNumberId: "PN-A",
            messages: [WebhookBodies.metaMessage(id: "wamid.A2", type: "text", object: #"{"body":"a2"}"#)])
        let translation = try MetaWebhookTranslator.translate(MetaEntry.body([first, second, third]))
        #expect(translation.channels.map(\.channelId) == ["PN-A", "PN-B"])
        let wamids = translation.channels.map { channel in
            channel.items.map { item -> String in
                switch item {
                case .message(let message): message.wamid
                case .status(let status): "status:" + status.wamid
                default: "other"
                }
            }
        }
        #expect(wamids == [["wamid.A1", "status:wamid.A0", "wamid.A2"], ["wamid.B1", "wamid.B2"]])
    }

    @Test func nonMessageChangesAreIgnored() throws {
        let body = #"{"entry":[{"changes":[{"field":"account_update","value":{"event":"VERIFIED"}}]}]}"#
        #expect(try MetaWebhookTranslator.translate(Array(body.utf8)).channels.isEmpty)
    }

    @Test(arguments: [
        ("not json", "body"),
        (#"{"object":"whatsapp_business_account"}"#, "entry"),
        (#"{"entry":{}}"#, "entry"),
        (
            #"{"entry":[{"changes":[{"field":"messages","value":{"messages":[{"id":"w","from":"1","timestamp":"1","type":"text","text":{"body":"x"}}]}}]}]}"#,
            "entry[0].changes[0].value.metadata"
        ),
        (
            #"{"entry":[{"changes":[{"value":{"metadata":{"phone_number_id":"P"},"messages":[{"from":"1","timestamp":"1","type":"text","text":{"body":"x"}}]}}]}]}"#,
            "entry[0].changes[0].value.messages[0].id"
        ),
        (
            #"{"entry":[{"changes":[{"value":{"metadata":{"phone_number_id":"P"},"messages":[{"id":"w","from":"1","timestamp":"1","type":"text","text":{}}]}}]}]}"#,
            "entry[0].changes[0].value.messages[0].text.body"
        ),
        (
            #"{"entry":[{"changes":[{"value":{"metadata":{"phone_number_id":"P"},"statuses":[{"id":"w","status":"read"}]}}]}]}"#,
            "entry[0].changes[0].value.statuses[0].timestamp"
        ),
    ])
    func structurallyInvalidBodyNamesTheField(body: String, field: String) {
        expectDomainError(.invalidWebhook, field: field) {
            _ = try MetaWebhookTranslator.translate(Array(body.utf8))
        }
    }
}
