import Foundation
import Testing

@testable import API

@Suite("Message validation limits", .serialized)
struct MessageValidationTests {
    static func buttons(_ count: Int, title: String = "Opção") -> String {
        (0..<count).map { #"{"id":"b\#($0)","title":"\#(title)"}"# }.joined(separator: ",")
    }

    static func rows(_ count: Int, title: String = "Quarto", description: String = "Cama") -> String {
        (0..<count).map { #"{"id":"r\#($0)","title":"\#(title)","description":"\#(description)"}"# }
            .joined(separator: ",")
    }

    static func long(_ count: Int) -> String { String(repeating: "a", count: count) }

    /// Route, body (with `CONV` for the conversation id), the field the 400 must name.
    static let cases: [(path: String, body: String, field: String)] = [
        ("/api/messages", #"{"conversationId":"CONV","type":"TEXT","content":"\#(long(4097))"}"#, "content"),
        ("/api/messages", #"{"conversationId":"CONV","type":"TEXT","content":"  "}"#, "content"),
        ("/api/messages", #"{"conversationId":"CONV","type":"STICKER","content":"x"}"#, "type"),
        ("/api/messages", #"{"type":"TEXT","content":"x"}"#, "conversationId"),
        ("/api/messages", #"{"conversationId":"nope","type":"TEXT","content":"x"}"#, "conversationId"),
        ("/api/messages", #"{"conversationId":"CONV","type":"TEXT","content":7}"#, "content"),
        ("/api/messages", #"{"conversationId":"CONV","type":"IMAGE","content":"ftp://x/y.jpg"}"#, "content"),
        (
            "/api/messages",
            #"{"conversationId":"CONV","type":"IMAGE","content":"https://x/y.jpg","metadata":{"caption":"\#(long(1025))"}}"#,
            "metadata.caption"
        ),
        ("/api/messages", "{not json", "body"),
        (
            "/api/messages/template", #"{"conversationId":"CONV","parameters":[],"languageCode":"pt_BR"}"#,
            "templateName"
        ),
        (
            "/api/messages/template",
            #"{"conversationId":"CONV","templateName":"Bad Name!","languageCode":"pt_BR"}"#, "templateName"
        ),
        ("/api/messages/buttons", #"{"conversationId":"CONV","bodyText":"Escolha","buttons":[]}"#, "buttons"),
        (
            "/api/messages/buttons",
            #"{"conversationId":"CONV","bodyText":"Escolha","buttons":[\#(buttons(4))]}"#, "buttons"
        ),
        (
            "/api/messages/buttons",
            #"{"conversationId":"CONV","bodyText":"Escolha","buttons":[\#(buttons(1, title: long(21)))]}"#,
            "buttons[0].title"
        ),
        (
            "/api/messages/buttons",
            #"{"conversationId":"CONV","bodyText":"Escolha","buttons":[\#(buttons(1))],"headerText":"\#(long(61))"}"#,
            "headerText"
        ),
        (
            "/api/messages/buttons",
            #"{"conversationId":"CONV","bodyText":"Escolha","buttons":[\#(buttons(1))],"footerText":"\#(long(61))"}"#,
            "footerText"
        ),
        ("/api/messages/buttons", #"{"conversationId":"CONV","buttons":[\#(buttons(1))]}"#, "bodyText"),
        (
            "/api/messages/list",
            #"{"conversationId":"CONV","bodyText":"Quartos","buttonText":"Ver","sections":[{"title":"A","rows":[\#(rows(11))]}]}"#,
            "sections[].rows"
        ),
        (
            "/api/messages/list",
            #"{"conversationId":"CONV","bodyText":"Quartos","buttonText":"Ver","sections":[{"title":"A","rows":[\#(rows(1, title: long(25)))]}]}"#,
            "sections[0].rows[0].title"
        ),
        (
            "/api/messages/list",
            #"{"conversationId":"CONV","bodyText":"Quartos","buttonText":"Ver","sections":[{"title":"A","rows":[\#(rows(1, description: long(73)))]}]}"#,
            "sections[0].rows[0].description"
        ),
        (
            "/api/messages/list",
            #"{"conversationId":"CONV","bodyText":"Quartos","buttonText":"\#(long(21))","sections":[{"title":"A","rows":[\#(rows(1))]}]}"#,
            "buttonText"
        ),
    ]

    @Test func everyLimitIsAnsweredWith400NamingTheField() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let (tenant, conversation) = try OutboundMessageTests.conversation(harness)
        let head = try harness.store.head()
        for (path, body, field) in Self.cases {
            let response = try harness.send(
                "POST", path, tenant: tenant, json: body.replacingOccurrences(of: "CONV", with: conversation))
            #expect(response.status == 400, "\(path) \(field)")
            #expect(response.errorCode == "ERR_VALIDATION", "\(path) \(field)")
            #expect(response.errorField == field, "\(path) expected \(field), got \(response.text)")
        }
        #expect(try harness.store.head() == head)
        let atLimits = try harness.send(
            "POST", "/api/messages/buttons", tenant: tenant,
            json:
                #"{"conversationId":"\#(conversation)","bodyText":"Escolha","buttons":[\#(Self.buttons(3, title: Self.long(20)))],"headerText":"\#(Self.long(60))","footerText":"\#(Self.long(60))"}"#
        )
        #expect(atLimits.status == 201)
        let listAtLimits = try harness.send(
            "POST", "/api/messages/list", tenant: tenant,
            json:
                #"{"conversationId":"\#(conversation)","bodyText":"Quartos","buttonText":"\#(Self.long(20))","sections":[{"title":"A","rows":[\#(Self.rows(10, title: Self.long(24), description: Self.long(72)))]}]}"#
        )
        #expect(listAtLimits.status == 201)
        let textAtLimit = try OutboundMessageTests.sendText(harness, tenant, conversation, Self.long(4096))
        #expect(textAtLimit.status == 201)
    }

    @Test func unknownConversationIsNotFound() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        let response = try OutboundMessageTests.sendText(harness, tenant, UUID().uuidString, "Oi")
        #expect(response.status == 404)
    }
}
