import Foundation
import Testing

@testable import API

/// U+0000 in user text: Postgres `text` cannot hold it, so every command body that carries it
/// is refused where bodies are decoded, before anything is appended.
@Suite("NUL in command bodies", .serialized)
struct NULCharacterTests {
    @Test func nulInAnyCommandStringIs400NamingItsFieldAndAppendsNothing() throws {
        let harness = try MessagingHarness()
        let (tenant, conversation) = try OutboundMessageTests.conversation(harness)
        let head = try harness.store.head()
        let refused: [(path: String, json: String, field: String)] = [
            (
                "/api/messages",
                #"{"conversationId":"\#(conversation)","type":"TEXT","content":"Olá\u0000 mundo"}"#,
                "content"
            ),
            (
                "/api/messages/buttons",
                #"{"conversationId":"\#(conversation)","bodyText":"Escolha:","#
                    + #""buttons":[{"id":"a","title":"Sim"},{"id":"b","title":"N\u0000o"}]}"#,
                "buttons[1].title"
            ),
            ("/api/conversations/\(conversation)/close", #"{"notes":"resolvido\u0000"}"#, "notes"),
            ("/api/tags", ##"{"name":"VIP\u0000","color":"#FF0000"}"##, "name"),
            // A member name is refused too, even one the body type does not read.
            ("/api/tags", ##"{"name":"VIP","color":"#FF0000","no\u0000te":"x"}"##, #"no\u0000te"#),
        ]
        for (path, json, field) in refused {
            let response = try harness.send("POST", path, tenant: tenant, json: json)
            #expect(response.status == 400, "\(path)")
            #expect(response.errorCode == "ERR_VALIDATION", "\(path)")
            #expect(response.errorField == field, "\(path)")
            #expect((response.object["message"] as? String)?.contains("NUL") == true, "\(path)")
        }
        let register = try harness.client.sendJSON(
            "POST", "/auth/register",
            json: #"{"tenantName":"Hotel\u0000","tenantSlug":"hotel-nul","userName":"Admin","#
                + #""email":"admin@nul.example","password":"senha-forte-123"}"#)
        #expect(register.status == 400)
        #expect(register.errorCode == "ERR_VALIDATION")
        #expect(register.errorField == "tenantName")
        #expect(try harness.store.head() == head)
        #expect(try harness.messages(tenant, conversation: conversation).count == 1)
    }

    @Test func escapedBackslashBeforeU0000IsOrdinaryText() throws {
        let harness = try MessagingHarness()
        let (tenant, conversation) = try OutboundMessageTests.conversation(harness)
        let text = #"C:\u0000"#
        let sent = try harness.send(
            "POST", "/api/messages", tenant: tenant,
            json: #"{"conversationId":"\#(conversation)","type":"TEXT","content":"C:\\u0000"}"#)
        #expect(sent.status == 201)
        #expect(sent.object["content"] as? String == text)
        let tag = try harness.send(
            "POST", "/api/tags", tenant: tenant, json: ##"{"name":"VIP \\u0000","color":"#FF0000"}"##)
        #expect(tag.status == 201)
        #expect(tag.object["name"] as? String == #"VIP \u0000"#)
        let closed = try harness.send(
            "POST", "/api/conversations/\(conversation)/close", tenant: tenant,
            json: #"{"notes":"ok \\u0000"}"#)
        #expect(closed.status == 200)
    }
}
