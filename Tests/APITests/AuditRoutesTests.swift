import Domain
import Foundation
import Projections
import Testing

@testable import API

@Suite(.serialized) struct AuditRoutesTests {
    @Test func auditReadsReplayVerifyAndEraseFromTheLog() throws {
        try TestApp.with { app in
            let admin = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let bearer = ["Authorization": "Bearer \(admin.token!)"]
            let before = Timestamp.nowMilliseconds()
            Thread.sleep(forTimeInterval: 0.01)
            let inbound = try ingest(
                app, tenant: admin.tenant["id"] as! String,
                [
                    text("wamid.IN1", from: "5511999999999", name: "João Silva", "Olá", at: 1),
                    text("wamid.IN2", from: "5511999999999", name: "João Silva", "Quero reservar", at: 2),
                ])
            let head = try app.app.services.store.head()

            let all = try app.client.send("GET", "/api/audit/events", headers: bearer)
            #expect(all.status == 200)
            #expect(all.header("Content-Type")?.hasPrefix("application/x-ndjson") == true)
            let lines = all.text.split(separator: "\n").map { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
            }
            #expect(lines.count == Int(head))
            #expect(lines.compactMap { $0["position"] as? Int } == Array(1...Int(head)))
            let received = try app.client.send(
                "GET", "/api/audit/events?type=MessageReceived.v1", headers: bearer)
            #expect(received.text.split(separator: "\n").count == 2)
            let window = try app.client.send("GET", "/api/audit/events?from=2&to=3", headers: bearer)
            #expect(window.text.split(separator: "\n").count == 2)

            let list = try app.client.send(
                "GET", "/api/conversations",
                headers: bearer.merging(["X-Min-Position": String(inbound.head)]) { $1 })
            let item = try #require((list.object["data"] as? [[String: Any]])?.first)
            let conversationId = try #require(item["id"] as? String)
            let contactId = try #require(item["contactId"] as? String)

            let history = try app.client.send(
                "GET", "/api/audit/conversations/\(conversationId)/history", headers: bearer)
            let types =
                (history.object["data"] as? [[String: Any]])?.compactMap { $0["type"] as? String } ?? []
            #expect(types.first == ConversationOpened.type)
            #expect(types.filter { $0 == MessageReceived.type }.count == 2)

            let now = try app.client.send(
                "GET", "/api/audit/conversations/\(conversationId)", headers: bearer)
            #expect(now.object["status"] as? String == "OPEN")
            #expect(now.object["messageCount"] as? Int == 2)
            let earlier = try app.client.send(
                "GET",
                "/api/audit/conversations/\(conversationId)?asOf=\(Timestamp.format(milliseconds: before))",
                headers: bearer)
            #expect(earlier.status == 404)

            let intact = try app.client.send("GET", "/api/audit/verify", headers: bearer)
            #expect(intact.object["intact"] as? Bool == true)
            #expect(intact.object["eventsChecked"] as? Int == Int(head))

            let erased = try app.client.send("POST", "/api/contacts/\(contactId)/erase", headers: bearer)
            #expect(erased.status == 204)
            let afterErase = try app.client.send(
                "GET", "/api/audit/events?type=MessageReceived.v1", headers: bearer)
            let personal = afterErase.text.split(separator: "\n").map { line in
                ((try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any])?["personal"]
                    as? String
            }
            #expect(personal == ["[erased]", "[erased]"])
            #expect(!afterErase.text.contains("Quero reservar"))
            let stillIntact = try app.client.send("GET", "/api/audit/verify", headers: bearer)
            #expect(stillIntact.object["intact"] as? Bool == true)

            let agent = try app.client.sendJSON(
                "POST", "/auth/users",
                json: #"{"name":"Ana","email":"ana@hotel.com","password":"ana-password"}"#,
                headers: bearer)
            #expect(agent.status == 201)
            let login = try app.client.sendJSON(
                "POST", "/auth/login", json: #"{"email":"ana@hotel.com","password":"ana-password"}"#)
            let forbidden = try app.client.send(
                "GET", "/api/audit/events", headers: ["Authorization": "Bearer \(login.token!)"])
            #expect(forbidden.status == 403)
        }
    }
}
