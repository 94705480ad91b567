import Foundation
import Testing

@testable import API

@Suite(.serialized) struct MessageRoutesTests {
    @Test func sendsAreQueuedInsideTheWindowAndRefusedOutsideIt() throws {
        try TestApp.with { app in
            let admin = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let bearer = ["Authorization": "Bearer \(admin.token!)"]
            let tenant = admin.tenant["id"] as! String
            let inbound = try ingest(
                app, tenant: tenant, [text("wamid.IN1", from: "5511999999999", name: "João", "Olá", at: 1)])
            let list = try app.client.send(
                "GET", "/api/conversations",
                headers: bearer.merging(["X-Min-Position": String(inbound.head)]) { $1 })
            let conversationId = try #require(
                (list.object["data"] as? [[String: Any]])?.first?["id"] as? String)

            let sent = try app.client.sendJSON(
                "POST", "/api/messages",
                json:
                    #"{"conversationId":"\#(conversationId)","type":"TEXT","content":"Olá! Como posso ajudar?"}"#,
                headers: bearer)
            #expect(sent.status == 201)
            #expect(sent.object["direction"] as? String == "OUTBOUND")
            #expect(sent.object["type"] as? String == "TEXT")
            #expect(sent.object["content"] as? String == "Olá! Como posso ajudar?")
            #expect(sent.object["sentById"] as? String == admin.user["id"] as? String)
            #expect(sent.object["whatsappMessageId"] is NSNull)

            let template = try app.client.sendJSON(
                "POST", "/api/messages/template",
                json:
                    #"{"conversationId":"\#(conversationId)","templateName":"reserva_confirmada","parameters":["João"],"languageCode":"pt_BR"}"#,
                headers: bearer)
            #expect(template.status == 201)
            #expect(template.object["type"] as? String == "TEMPLATE")

            let tooMany = try app.client.sendJSON(
                "POST", "/api/messages/buttons",
                json: #"""
                    {"conversationId":"\#(conversationId)","bodyText":"Escolha:","buttons":[{"id":"1","title":"A"},
                    {"id":"2","title":"B"},{"id":"3","title":"C"},{"id":"4","title":"D"}]}
                    """#, headers: bearer)
            #expect(tooMany.status == 400)
            #expect(tooMany.errorField == "buttons")
            let buttons = try app.client.sendJSON(
                "POST", "/api/messages/buttons",
                json:
                    #"{"conversationId":"\#(conversationId)","bodyText":"Escolha:","buttons":[{"id":"1","title":"Nova Reserva"}]}"#,
                headers: bearer)
            #expect(buttons.status == 201)
            #expect(buttons.object["type"] as? String == "INTERACTIVE")

            let messageId = try #require(sent.object["id"] as? String)
            let read = try app.client.send("POST", "/api/messages/\(messageId)/read", headers: bearer)
            #expect(read.status == 204)

            // A conversation opened by an agent has no customer message: only templates may go out.
            let manual = try app.client.sendJSON(
                "POST", "/api/conversations", json: #"{"phoneNumber":"5511888888888"}"#, headers: bearer)
            let manualId = try #require(manual.object["id"] as? String)
            let closedWindow = try app.client.sendJSON(
                "POST", "/api/messages", json: #"{"conversationId":"\#(manualId)","content":"Oi"}"#,
                headers: bearer)
            #expect(closedWindow.status == 422)
            #expect(closedWindow.errorCode == "ERR_WINDOW_CLOSED")
            let unknown = try app.client.sendJSON(
                "POST", "/api/messages", json: #"{"conversationId":"\#(UUID().uuidString)","content":"Oi"}"#,
                headers: bearer)
            #expect(unknown.status == 404)
        }
    }
}
