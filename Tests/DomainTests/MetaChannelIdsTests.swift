import Domain
import Foundation
import Testing

/// `channelIds` routes a body to the secrets that must verify it, before anything else in
/// the body is read: it must name exactly the channels `translate` groups items under.
@Suite struct MetaChannelIdsTests {
    static let text = WebhookBodies.metaMessage(type: "text", object: #"{"body":"oi"}"#)
    static let read = WebhookBodies.metaStatus(status: "read")

    static func entry(_ phoneNumberId: String, messages: [String] = [text], statuses: [String] = [])
        -> MetaEntry
    {
        WebhookBodies.metaEntry(phoneNumberId: phoneNumberId, messages: messages, statuses: statuses)
    }

    static let translatableBodies: [String] = [
        WebhookBodies.meta(messages: [text]),
        WebhookBodies.meta(statuses: [read]),
        WebhookBodies.meta(
            messages: [text, WebhookBodies.metaMessage(id: "wamid.IN2", type: "reaction", object: "{}")],
            statuses: [read, WebhookBodies.metaStatus(status: "deleted")]),
        MetaEntry.body([entry("PN-A", statuses: [read]), entry("PN-B"), entry("PN-A")]),
        MetaEntry.body([entry("PN-A", messages: []), entry("PN-B", messages: [], statuses: [read])]),
        MetaEntry.body([]),
        Array(#"{"entry":[{"changes":[{"field":"account_update","value":{"event":"VERIFIED"}}]}]}"#.utf8),
        Array(#"{"entry":[{"id":"WABA1"},{"changes":[]}]}"#.utf8),
    ].map { String(decoding: $0, as: UTF8.self) }

    @Test(arguments: translatableBodies)
    func channelIdsAgreeWithTranslate(json: String) throws {
        let body = Array(json.utf8)
        let translated = try MetaWebhookTranslator.translate(body).channels.map(\.channelId)
        #expect(try MetaWebhookTranslator.channelIds(body) == translated)
    }

    @Test func channelIdsAreDistinctInOrderOfAppearance() throws {
        let body = MetaEntry.body([
            Self.entry("PN-B"), Self.entry("PN-A"), Self.entry("PN-B", statuses: [Self.read]),
            Self.entry("PN-C"),
        ])
        #expect(try MetaWebhookTranslator.channelIds(body) == ["PN-B", "PN-A", "PN-C"])
    }

    @Test func changesWithoutItemsOrForOtherFieldsNameNoChannel() throws {
        let quiet = Self.entry("PN-QUIET", messages: [])
        let other = MetaEntry(
            json:
                #"{"id":"W","changes":[{"field":"account_update","value":{"metadata":{"phone_number_id":"PN-X"},"messages":[{}]}}]}"#
        )
        let body = MetaEntry.body([quiet, other, Self.entry("PN-A")])
        #expect(try MetaWebhookTranslator.channelIds(body) == ["PN-A"])
    }

    @Test func messagesAreNotTranslatedToFindTheChannels() throws {
        let unreadable = #"{"id":"wamid.X","timestamp":"9223372036854775807","type":"text","text":{}}"#
        let body = MetaEntry.body([Self.entry("PN-A", messages: [unreadable], statuses: ["[]"])])
        #expect(try MetaWebhookTranslator.channelIds(body) == ["PN-A"])
        #expect(throws: DomainError.self) { try MetaWebhookTranslator.translate(body) }
    }

    @Test(arguments: [
        ("not json", "body"),
        ("[]", "body"),
        (#""entry""#, "body"),
        (#"{"object":"whatsapp_business_account"}"#, "entry"),
        (#"{"entry":{}}"#, "entry"),
        (#"{"entry":[[]]}"#, "entry[0]"),
        (#"{"entry":[{"changes":{}}]}"#, "entry[0].changes"),
        (#"{"entry":[{"changes":[{"value":[]}]}]}"#, "entry[0].changes[0].value"),
        (#"{"entry":[{"changes":[{"value":{"messages":{}}}]}]}"#, "entry[0].changes[0].value.messages"),
        (#"{"entry":[{"changes":[{"value":{"messages":[{}]}}]}]}"#, "entry[0].changes[0].value.metadata"),
        (
            #"{"entry":[{"changes":[{"value":{"metadata":{"phone_number_id":{}},"statuses":[{}]}}]}]}"#,
            "entry[0].changes[0].value.metadata.phone_number_id"
        ),
    ])
    func wrongShapeThrowsWhatTranslateThrows(body: String, field: String) {
        expectDomainError(.invalidWebhook, field: field) {
            _ = try MetaWebhookTranslator.channelIds(Array(body.utf8))
        }
        expectDomainError(.invalidWebhook, field: field) {
            _ = try MetaWebhookTranslator.translate(Array(body.utf8))
        }
    }
}
