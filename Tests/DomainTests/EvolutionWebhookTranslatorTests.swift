import Domain
import Foundation
import Testing

@Suite struct EvolutionWebhookTranslatorTests {
    let receivedAt: Int64 = 1_700_000_000_000

    func onlyItem(_ body: [UInt8]) throws -> WebhookItem {
        let translation = try EvolutionWebhookTranslator.translate(body, receivedAt: receivedAt)
        #expect(translation.channels.map(\.channelId) == ["hotel_abc"])
        #expect(translation.channels.first?.tenantKey == "evolution-instance:hotel_abc")
        #expect(translation.allItems.count == 1)
        return try #require(translation.allItems.first)
    }

    @Test func conversationTextBecomesInboundText() throws {
        let item = try onlyItem(WebhookBodies.evolutionUpsert(message: #"{"conversation":"Olá! Como vai?"}"#))
        #expect(
            item
                == .message(
                    InboundMessage(
                        provider: .evolution, wamid: "BAE5F1", from: "5511999999999",
                        profileName: "João Silva",
                        type: .text, timestamp: 1_698_420_000_000,
                        content: InboundContent(text: "Olá! Como vai?"))))
    }

    @Test func extendedTextKeepsTextAndQuotedMessage() throws {
        let item = try onlyItem(
            WebhookBodies.evolutionUpsert(
                message:
                    #"{"extendedTextMessage":{"text":"Pode ser amanhã","contextInfo":{"stanzaId":"BAE5F0"}}}"#
            ))
        guard case .message(let message) = item else {
            Issue.record("not inbound")
            return
        }
        #expect(message.type == .text)
        #expect(message.content.text == "Pode ser amanhã")
        #expect(message.replyToWamid == "BAE5F0")
    }

    @Test func imageWithCaptionKeepsCaptionUrlAndMime() throws {
        let item = try onlyItem(
            WebhookBodies.evolutionUpsert(
                message:
                    #"{"imageMessage":{"url":"https://mmg.whatsapp.net/x","mimetype":"image/jpeg","caption":"Meu quarto"}}"#
            ))
        guard case .message(let message) = item else {
            Issue.record("not inbound")
            return
        }
        #expect(message.type == .image)
        #expect(
            message.content
                == InboundContent(
                    caption: "Meu quarto", mediaUrl: "https://mmg.whatsapp.net/x", mimeType: "image/jpeg"))
    }

    @Test(arguments: [
        (#"{"audioMessage":{"url":"u","mimetype":"audio/ogg","ptt":true}}"#, InboundMessageType.audio),
        (#"{"videoMessage":{"url":"u","caption":"c"}}"#, .video),
        (#"{"documentMessage":{"url":"u","fileName":"a.pdf"}}"#, .document),
        (
            #"{"documentWithCaptionMessage":{"message":{"documentMessage":{"url":"u","fileName":"a.pdf","caption":"c"}}}}"#,
            .document
        ),
        (#"{"stickerMessage":{"url":"u"}}"#, .sticker),
        (#"{"locationMessage":{"degreesLatitude":-23.5,"degreesLongitude":-46.6}}"#, .location),
        (
            #"{"contactMessage":{"displayName":"Ana","vcard":"BEGIN:VCARD\nTEL;type=CELL;waid=5511888:+55 11 888\nEND:VCARD"}}"#,
            .contacts
        ),
        (#"{"reactionMessage":{"key":{"id":"BAE5F0"},"text":"❤️"}}"#, .reaction),
        (
            #"{"buttonsResponseMessage":{"selectedButtonId":"opt1","selectedDisplayText":"Nova Reserva"}}"#,
            .interactive
        ),
        (
            #"{"listResponseMessage":{"title":"Single","singleSelectReply":{"selectedRowId":"quarto_single"}}}"#,
            .interactive
        ),
        (
            #"{"templateButtonReplyMessage":{"selectedId":"CONFIRMAR","selectedDisplayText":"Confirmar"}}"#,
            .button
        ),
        (#"{"pollCreationMessage":{"name":"?"}}"#, .unsupported),
    ])
    func otherMessageTypesTranslate(message: String, expected: InboundMessageType) throws {
        guard case .message(let inbound) = try onlyItem(WebhookBodies.evolutionUpsert(message: message))
        else {
            Issue.record("not inbound")
            return
        }
        #expect(inbound.type == expected)
    }

    @Test func fromMeIsAnOutboundMessageSentFromThePhone() throws {
        let item = try onlyItem(
            WebhookBodies.evolutionUpsert(
                id: "3EB0AA", fromMe: true, message: #"{"conversation":"Bom dia!"}"#))
        #expect(
            item
                == .phoneOutbound(
                    PhoneOutboundMessage(
                        provider: .evolution, wamid: "3EB0AA", to: "5511999999999",
                        timestamp: 1_698_420_000_000,
                        content: .text(body: "Bom dia!"))))
    }

    @Test func groupMessagesAreSkipped() throws {
        let body = WebhookBodies.evolution(
            event: "messages.upsert",
            data:
                #"{"key":{"remoteJid":"1203630@g.us","fromMe":false,"id":"G1"},"message":{"conversation":"oi"}}"#
        )
        #expect(try EvolutionWebhookTranslator.translate(body, receivedAt: receivedAt).allItems.isEmpty)
    }

    @Test(arguments: [
        ("SERVER_ACK", DeliveryStatus.sent), ("DELIVERY_ACK", .delivered), ("READ", .read), ("PLAYED", .read),
        ("ERROR", .failed),
    ])
    func messageUpdateStatusesTranslate(raw: String, expected: DeliveryStatus) throws {
        let body = WebhookBodies.evolution(
            event: "messages.update",
            data:
                #"{"keyId":"3EB0AA","remoteJid":"5511999999999@s.whatsapp.net","fromMe":true,"status":"\#(raw)"}"#
        )
        guard case .status(let report) = try onlyItem(body) else {
            Issue.record("not a status")
            return
        }
        #expect(report.wamid == "3EB0AA")
        #expect(report.status == expected)
        #expect(report.timestamp == receivedAt)
        #expect((report.failure != nil) == (expected == .failed))
    }

    @Test func messageUpdateUsesTheEnvelopeDateWhenPresent() throws {
        let body = Array(
            #"{"event":"MESSAGES_UPDATE","instance":"hotel_abc","date_time":"2023-10-27T15:20:00.000Z","data":{"key":{"id":"3EB0AA","fromMe":true},"status":"READ"}}"#
                .utf8)
        guard case .status(let report) = try onlyItem(body) else {
            Issue.record("not a status")
            return
        }
        #expect(report.timestamp == 1_698_420_000_000)
    }

    @Test(arguments: [
        ("open", ChannelConnectionState.open), ("connecting", .connecting), ("close", .close),
        ("refused", .refused),
    ])
    func connectionUpdateTranslates(raw: String, expected: ChannelConnectionState) throws {
        let body = WebhookBodies.evolution(
            event: "connection.update",
            data: #"{"instance":"hotel_abc","state":"\#(raw)","statusReason":200}"#)
        guard case .connection(let state, let eventId) = try onlyItem(body) else {
            Issue.record("not a connection update")
            return
        }
        #expect(state == expected)
        let again = try EvolutionWebhookTranslator.translate(body, receivedAt: receivedAt + 5000)
        #expect(again.allItems == [.connection(state: expected, eventId: eventId)])
    }

    @Test func unrelatedEventsTranslateToNoItems() throws {
        let body = WebhookBodies.evolution(event: "qrcode.updated", data: #"{"qrcode":{"base64":"..."}}"#)
        #expect(try EvolutionWebhookTranslator.translate(body, receivedAt: receivedAt).allItems.isEmpty)
    }

    @Test(arguments: [
        (#"[]"#, "body"),
        (#"{"instance":"i","data":{}}"#, "event"),
        (#"{"event":"messages.upsert","data":{}}"#, "instance"),
        (#"{"event":"messages.upsert","instance":"i","data":{"message":{}}}"#, "data.key"),
        (
            #"{"event":"messages.upsert","instance":"i","data":{"key":{"remoteJid":"55@s.whatsapp.net"}}}"#,
            "data.key.id"
        ),
        (#"{"event":"messages.update","instance":"i","data":{"status":"READ"}}"#, "data.key.id"),
        (#"{"event":"connection.update","instance":"i","data":{"state":"exploded"}}"#, "data.state"),
        (#"{"event":"connection.update","instance":"i","data":{}}"#, "data.state"),
    ])
    func structurallyInvalidBodyNamesTheField(body: String, field: String) {
        expectDomainError(.invalidWebhook, field: field) {
            _ = try EvolutionWebhookTranslator.translate(Array(body.utf8), receivedAt: receivedAt)
        }
    }
}
