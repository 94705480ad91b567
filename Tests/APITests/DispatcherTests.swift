import Foundation
import Testing

@testable import API

/// Polls the conversation's messages until `done` holds (the dispatcher works asynchronously).
private func waitForMessage(
    _ app: TestApp, conversation: String, id: String, headers: [String: String],
    until done: ([String: Any]) -> Bool
) throws -> [String: Any]? {
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
        let page = try app.client.send("GET", "/api/conversations/\(conversation)/messages", headers: headers)
        if let message = (page.object["data"] as? [[String: Any]])?.first(where: { $0["id"] as? String == id }
        ),
            done(message)
        {
            return message
        }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return nil
}

@Suite(.serialized) struct DispatcherTests {
    @Test func queuedMessagesReachTheProviderRetryAndRecordTheOutcome() throws {
        let provider = try FakeProvider(undeliverable: ["5511777777777"])
        defer { provider.server.stop() }
        try TestApp.with { app in
            let admin = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let bearer = ["Authorization": "Bearer \(admin.token!)"]
            let channel = try app.client.sendJSON(
                "PUT", "/api/channels/whatsapp",
                json: """
                    {"provider":"meta","phoneNumberId":"PNID1","apiBaseUrl":"\(provider.baseURL)",\
                    "appSecret":"s","verifyToken":"v","accessToken":"EAAG-test"}
                    """, headers: bearer)
            #expect(channel.status == 200)
            let tenant = admin.tenant["id"] as! String
            let inbound = try ingest(
                app, tenant: tenant,
                [
                    text("wamid.IN1", from: "5511999999999", name: "João", "Olá", at: 1),
                    text("wamid.IN2", from: "5511777777777", name: "Bia", "Oi", at: 2),
                ])
            let list = try app.client.send(
                "GET", "/api/conversations",
                headers: bearer.merging(["X-Min-Position": String(inbound.head)]) { $1 })
            let conversations = list.object["data"] as? [[String: Any]] ?? []
            func conversation(of name: String) -> String? {
                conversations.first { ($0["contact"] as? [String: Any])?["name"] as? String == name }?["id"]
                    as? String
            }
            let joao = try #require(conversation(of: "João"))
            let bia = try #require(conversation(of: "Bia"))

            provider.failNext(1)
            let sent = try app.client.sendJSON(
                "POST", "/api/messages", json: #"{"conversationId":"\#(joao)","content":"Olá João!"}"#,
                headers: bearer)
            let sentId = try #require(sent.object["id"] as? String)
            let delivered = try waitForMessage(app, conversation: joao, id: sentId, headers: bearer) {
                $0["status"] as? String == "SENT"
            }
            #expect((delivered?["whatsappMessageId"] as? String)?.hasPrefix("wamid.OUT-") == true)
            let calls = provider.recorded
            #expect(calls.count == 2)
            #expect(calls.allSatisfy { $0.authorization == "Bearer EAAG-test" })
            #expect(calls.last?.body["to"] == "5511999999999")
            #expect(calls.last?.body["text"] == .object(["body": "Olá João!", "preview_url": false]))

            let refused = try app.client.sendJSON(
                "POST", "/api/messages", json: #"{"conversationId":"\#(bia)","content":"Oi Bia"}"#,
                headers: bearer)
            let refusedId = try #require(refused.object["id"] as? String)
            let failed = try waitForMessage(app, conversation: bia, id: refusedId, headers: bearer) {
                $0["status"] as? String == "FAILED"
            }
            #expect(failed?["errorCode"] as? Int == 131026)
        }
    }
}

@Suite(.serialized) struct DispatcherRestartTests {
    @Test func aRestartedDispatcherDeliversWhatWasQueuedWhileItWasDown() throws {
        let provider = try FakeProvider()
        defer { provider.server.stop() }
        try TestApp.with(dispatch: false) { app in
            let admin = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let bearer = ["Authorization": "Bearer \(admin.token!)"]
            _ = try app.client.sendJSON(
                "PUT", "/api/channels/whatsapp",
                json:
                    #"{"provider":"meta","phoneNumberId":"PNID1","apiBaseUrl":"\#(provider.baseURL)","appSecret":"s","accessToken":"t"}"#,
                headers: bearer)
            let inbound = try ingest(
                app, tenant: admin.tenant["id"] as! String,
                [text("wamid.IN1", from: "5511999999999", name: "João", "Olá", at: 1)])
            let list = try app.client.send(
                "GET", "/api/conversations",
                headers: bearer.merging(["X-Min-Position": String(inbound.head)]) { $1 })
            let conversation = try #require(
                (list.object["data"] as? [[String: Any]])?.first?["id"] as? String)
            let checkpoint = app.dataDirectory + "/dispatcher.checkpoint"

            let first = try app.client.sendJSON(
                "POST", "/api/messages", json: #"{"conversationId":"\#(conversation)","content":"um"}"#,
                headers: bearer)
            let dispatcher = OutboundDispatcher(services: app.app.services, checkpointPath: checkpoint)
            dispatcher.start()
            let firstSent = try waitForMessage(
                app, conversation: conversation, id: first.object["id"] as! String, headers: bearer
            ) { $0["status"] as? String == "SENT" }
            #expect(firstSent != nil)
            dispatcher.stop()
            let saved = UInt64(
                try String(contentsOfFile: checkpoint, encoding: .utf8).trimmingCharacters(in: .newlines))
            #expect(saved != nil)

            // Queued while no dispatcher runs: the next one resumes from the checkpoint.
            let second = try app.client.sendJSON(
                "POST", "/api/messages", json: #"{"conversationId":"\#(conversation)","content":"dois"}"#,
                headers: bearer)
            #expect(provider.recorded.count == 1)
            let restarted = OutboundDispatcher(services: app.app.services, checkpointPath: checkpoint)
            restarted.start()
            defer { restarted.stop() }
            let secondSent = try waitForMessage(
                app, conversation: conversation, id: second.object["id"] as! String, headers: bearer
            ) { $0["status"] as? String == "SENT" }
            #expect(secondSent != nil)
            // The first message is not sent again.
            #expect(
                provider.recorded.compactMap { $0.body["text"] } == [
                    .object(["body": "um", "preview_url": false]),
                    .object(["body": "dois", "preview_url": false]),
                ])
        }
    }
}
