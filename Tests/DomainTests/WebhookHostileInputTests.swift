import Domain
import Foundation
import Testing

/// Numbers and text from a webhook body are outside input: a timestamp that would overflow
/// the milliseconds it becomes, a float where an integer belongs, a NUL in a message, must
/// each end as a `DomainError` naming the path or as sanitized text, never as a trap.
@Suite struct WebhookHostileInputTests {
    let receivedAt: Int64 = 1_700_000_000_000

    static func metaMessage(timestamp: String) -> [UInt8] {
        WebhookBodies.meta(messages: [
            #"{"from":"5511999999999","id":"wamid.IN1","timestamp":\#(timestamp),"type":"text","text":{"body":"oi"}}"#
        ])
    }

    static func metaStatus(timestamp: String) -> [UInt8] {
        WebhookBodies.meta(statuses: [
            #"{"id":"wamid.OUT1","status":"read","timestamp":\#(timestamp),"recipient_id":"5511999999999"}"#
        ])
    }

    static func evolutionUpsert(timestamp: String) -> [UInt8] {
        WebhookBodies.evolution(
            event: "messages.upsert",
            data: #"""
                {"key":{"remoteJid":"5511999999999@s.whatsapp.net","fromMe":false,"id":"BAE5F1"},\#
                "message":{"conversation":"oi"},"messageTimestamp":\#(timestamp)}
                """#)
    }

    static func evolutionUpdate(timestamp: String) -> [UInt8] {
        WebhookBodies.evolution(
            event: "messages.update",
            data: #"{"keyId":"3EB0AA","fromMe":true,"status":"READ","messageTimestamp":\#(timestamp)}"#)
    }

    static let messageTimestampField = "entry[0].changes[0].value.messages[0].timestamp"
    static let statusTimestampField = "entry[0].changes[0].value.statuses[0].timestamp"

    // The old code read Int64.max and multiplied it by 1000: an overflow trap.
    @Test(arguments: [#""9223372036854775807""#, "9223372036854775807", #""253402300800""#])
    func hugeMessageTimestampIsRefusedByPath(timestamp: String) {
        expectDomainError(.invalidWebhook, field: Self.messageTimestampField) {
            _ = try MetaWebhookTranslator.translate(Self.metaMessage(timestamp: timestamp))
        }
    }

    @Test(arguments: [#""9223372036854775807""#, "9223372036854775807"])
    func hugeStatusTimestampIsRefusedByPath(timestamp: String) {
        expectDomainError(.invalidWebhook, field: Self.statusTimestampField) {
            _ = try MetaWebhookTranslator.translate(Self.metaStatus(timestamp: timestamp))
        }
    }

    // Int64.min × 1000 trapped; −1 became a time before 1970.
    @Test(arguments: [#""-9223372036854775808""#, "-9223372036854775808", #""-1""#, "-1"])
    func negativeTimestampIsRefusedByPath(timestamp: String) {
        expectDomainError(.invalidWebhook, field: Self.messageTimestampField) {
            _ = try MetaWebhookTranslator.translate(Self.metaMessage(timestamp: timestamp))
        }
        expectDomainError(.invalidWebhook, field: Self.statusTimestampField) {
            _ = try MetaWebhookTranslator.translate(Self.metaStatus(timestamp: timestamp))
        }
    }

    // NSNumber.int64Value saturates 1e300 and 9.3e18 to Int64.min (then × 1000 trapped),
    // wraps 2^64−1 to −1 and truncates 1731400000.5 instead of refusing them.
    @Test(arguments: [
        "1e300", "-1e300", "1.7976931348623157e308", "9.3e18", "18446744073709551615",
        "123456789012345678901234567890", "1731400000.5",
    ])
    func floatOrExponentTimestampIsRefusedByPath(timestamp: String) {
        expectDomainError(.invalidWebhook, field: Self.messageTimestampField) {
            _ = try MetaWebhookTranslator.translate(Self.metaMessage(timestamp: timestamp))
        }
        expectDomainError(.invalidWebhook, field: Self.statusTimestampField) {
            _ = try MetaWebhookTranslator.translate(Self.metaStatus(timestamp: timestamp))
        }
    }

    // JSON 0 and 1 arrive as NSNumbers that also cast to Bool; they are numbers here.
    @Test func timestampsThatLookLikeBooleansAreNumbers() throws {
        let translation = try MetaWebhookTranslator.translate(Self.metaMessage(timestamp: "1"))
        guard case .message(let message) = try #require(translation.allItems.first) else {
            Issue.record("not a message")
            return
        }
        #expect(message.timestamp == 1000)
        let latest = try MetaWebhookTranslator.translate(Self.metaStatus(timestamp: "253402300799"))
        guard case .status(let report) = try #require(latest.allItems.first) else {
            Issue.record("not a status")
            return
        }
        #expect(report.timestamp == 253_402_300_799_000)
    }

    @Test(arguments: ["9223372036854775807", #""9223372036854775807""#, "-9223372036854775808", "1e300"])
    func evolutionHugeMessageTimestampIsRefusedByPath(timestamp: String) {
        expectDomainError(.invalidWebhook, field: "data.messageTimestamp") {
            _ = try EvolutionWebhookTranslator.translate(
                Self.evolutionUpsert(timestamp: timestamp), receivedAt: receivedAt)
        }
        expectDomainError(.invalidWebhook, field: "data.messageTimestamp") {
            _ = try EvolutionWebhookTranslator.translate(
                Self.evolutionUpdate(timestamp: timestamp), receivedAt: receivedAt)
        }
    }

    // {low: -1, high: 2^31−1} is Int64.max and {low: 0, high: −2^31} is Int64.min: both
    // trapped on × 1000; halves that are not 32-bit integers were saturated and masked.
    @Test(arguments: [
        #"{"low":-1,"high":2147483647,"unsigned":false}"#, #"{"low":4294967295,"high":2147483647}"#,
        #"{"low":0,"high":-2147483648,"unsigned":false}"#,
        #"{"low":4294967295,"high":4294967295,"unsigned":true}"#, #"{"low":1e300,"high":0}"#,
        #"{"low":1698420000,"high":9223372036854775807}"#, #"{"low":"x"}"#,
    ])
    func evolutionProtobufLongTimestampOutOfRangeIsRefusedByPath(timestamp: String) {
        expectDomainError(.invalidWebhook, field: "data.messageTimestamp") {
            _ = try EvolutionWebhookTranslator.translate(
                Self.evolutionUpsert(timestamp: timestamp), receivedAt: receivedAt)
        }
    }

    @Test(arguments: [
        #"{"low":1698420000,"high":0,"unsigned":false}"#, #"{"low":1698420000,"high":0,"unsigned":true}"#,
        #"{"low":1698420000}"#, #""1698420000""#,
    ])
    func evolutionTimestampInEveryDocumentedFormTranslates(timestamp: String) throws {
        let translation = try EvolutionWebhookTranslator.translate(
            Self.evolutionUpsert(timestamp: timestamp), receivedAt: receivedAt)
        guard case .message(let message) = try #require(translation.allItems.first) else {
            Issue.record("not a message")
            return
        }
        #expect(message.timestamp == 1_698_420_000_000)
    }

    // ICU keeps parsed dates within ±2·10^14 s, so the old code did not trap here: it took
    // years 99999 or 0 as message times, which PostgreSQL and the timelines cannot order.
    @Test(arguments: ["99999-12-31T23:59:59Z", "0000-01-01T00:00:00.000Z", "1969-12-31T23:59:59Z"])
    func envelopeDateOutOfRangeIsRefusedByPath(date: String) {
        let body = Array(
            #"{"event":"messages.update","instance":"hotel_abc","date_time":"\#(date)","data":{"keyId":"3EB0AA","fromMe":true,"status":"READ"}}"#
                .utf8)
        expectDomainError(.invalidWebhook, field: "date_time") {
            _ = try EvolutionWebhookTranslator.translate(body, receivedAt: receivedAt)
        }
    }

    // Double("NaN") was taken as a latitude; the event then could not be encoded.
    @Test(arguments: [#""NaN""#, #""inf""#, #""-infinity""#])
    func nonFiniteCoordinateIsRefusedByPath(latitude: String) {
        let body = WebhookBodies.meta(messages: [
            WebhookBodies.metaMessage(
                type: "location", object: #"{"latitude":\#(latitude),"longitude":-46.6}"#)
        ])
        expectDomainError(.invalidWebhook, field: "entry[0].changes[0].value.messages[0].location.latitude") {
            _ = try MetaWebhookTranslator.translate(body)
        }
    }

    // The old code passed NUL through; PostgreSQL text would have cut the message there.
    @Test func unpairedSurrogateEscapesBecomeReplacementCharactersAndPairsStayWhole() throws {
        let body = Array(
            MetaEntry(
                json: """
                    {"id":"WABA1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",\
                    "metadata":{"display_phone_number":"15550001111","phone_number_id":"PNID1"},\
                    "messages":[{"from":"5511999999999","id":"wamid.IN1","timestamp":"1731400000",\
                    "type":"text","text":{"body":"a\\ud83db \\udc00 \\ud83d\\ude00"}}]}}]}
                    """
            ).wrappedInObject.utf8)
        let items = try MetaWebhookTranslator.translate(body).allItems
        guard case .message(let message) = items.first else {
            Issue.record("expected a message, got \(items)")
            return
        }
        #expect(message.content.text == "a\u{FFFD}b \u{FFFD} \u{1F600}")
    }

    @Test func nulInMetaTextBecomesReplacementCharacter() throws {
        let body = Array(
            MetaEntry(
                json: """
                    {"id":"WABA1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",\
                    "metadata":{"display_phone_number":"15550001111","phone_number_id":"PNID1"},\
                    "contacts":[{"profile":{"name":"Jo\\u0000ão"},"wa_id":"5511999999999"}],\
                    "messages":[{"from":"5511999999999","id":"wamid.IN1","timestamp":"1731400000",\
                    "type":"document","document":{"id":"M4","caption":"a\\u0000b","filename":"x\\u0000.pdf"}}],\
                    "statuses":[{"id":"wamid.OUT1","status":"failed","timestamp":"1731400100",\
                    "errors":[{"code":131026,"title":"Un\\u0000delivered","error_data":{"details":"\\u0000"}}]}]}}]}
                    """
            ).wrappedInObject.utf8)
        let items = try MetaWebhookTranslator.translate(body).allItems
        guard case .message(let message) = items.first, case .status(let report) = items.last else {
            Issue.record("expected a message and a status, got \(items)")
            return
        }
        #expect(message.profileName == "Jo\u{FFFD}ão")
        #expect(message.content.caption == "a\u{FFFD}b")
        #expect(message.content.filename == "x\u{FFFD}.pdf")
        #expect(report.failure?.title == "Un\u{FFFD}delivered")
        #expect(report.failure?.details == "\u{FFFD}")
    }

    @Test func nulInEvolutionTextBecomesReplacementCharacter() throws {
        let inbound = try EvolutionWebhookTranslator.translate(
            WebhookBodies.evolutionUpsert(message: #"{"conversation":"\u0000Olá\u0000"}"#),
            receivedAt: receivedAt)
        guard case .message(let message) = try #require(inbound.allItems.first) else {
            Issue.record("not inbound")
            return
        }
        #expect(message.content.text == "\u{FFFD}Olá\u{FFFD}")
        let fromPhone = try EvolutionWebhookTranslator.translate(
            WebhookBodies.evolutionUpsert(
                fromMe: true, message: #"{"imageMessage":{"url":"u","caption":"quarto\u0000 101"}}"#),
            receivedAt: receivedAt)
        guard case .phoneOutbound(let outbound) = try #require(fromPhone.allItems.first),
            case .media(let media) = outbound.content
        else {
            Issue.record("not a media message sent from the phone")
            return
        }
        #expect(media.caption == "quarto\u{FFFD} 101")
    }
}
