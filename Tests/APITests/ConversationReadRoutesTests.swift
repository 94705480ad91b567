import Domain
import Foundation
import Testing

@testable import API

@Suite(.serialized) struct ConversationReadRoutesTests {
    @Test func ingestedMessagesAreListedPagedAndSearchable() throws {
        try TestApp.with { app in
            let hotel = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let other = try app.register(slug: "hotel-xyz", email: "admin@xyz.com")
            let tenant = hotel.tenant["id"] as! String
            let joao = "5511999999999"
            let messages = [
                text(
                    "wamid.A1", from: joao, name: "João Silva", "Olá, gostaria de fazer uma reserva", at: 1),
                text("wamid.A2", from: joao, name: "João Silva", "Para dezembro", at: 2),
                text("wamid.A3", from: joao, name: "João Silva", "Duas pessoas", at: 3),
                text("wamid.B1", from: "5511888888888", name: "Ana", "Bom dia", at: 4),
            ]
            let first = try ingest(app, tenant: tenant, messages)
            #expect(!first.duplicate)
            // The provider delivers the same body again: nothing is appended.
            let redelivery = try ingest(app, tenant: tenant, messages)
            #expect(redelivery.duplicate)
            #expect(redelivery.head == first.head)

            let bearer = [
                "Authorization": "Bearer \(hotel.token!)", "X-Min-Position": String(first.head),
                "X-Tenant-Slug": "hotel-abc",
            ]
            let list = try app.client.send("GET", "/api/conversations?status=OPEN&limit=20", headers: bearer)
            #expect(list.status == 200)
            let pagination = list.object["pagination"] as? [String: Any]
            #expect(pagination?["total"] as? Int == 2)
            #expect(pagination?["page"] as? Int == 1)
            let items = list.object["data"] as? [[String: Any]] ?? []
            let joaoItem = try #require(
                items.first { ($0["contact"] as? [String: Any])?["name"] as? String == "João Silva" })
            #expect((joaoItem["contact"] as? [String: Any])?["phoneNumber"] as? String == joao)
            #expect(joaoItem["unreadCount"] as? Int == 3)
            #expect(joaoItem["status"] as? String == "OPEN")
            let conversationId = try #require(joaoItem["id"] as? String)

            let searchByName = try app.client.send("GET", "/api/conversations?search=Ana", headers: bearer)
            #expect((searchByName.object["pagination"] as? [String: Any])?["total"] as? Int == 1)

            let detail = try app.client.send("GET", "/api/conversations/\(conversationId)", headers: bearer)
            #expect(detail.status == 200)
            #expect(detail.object["id"] as? String == conversationId)

            let page = try app.client.send(
                "GET", "/api/conversations/\(conversationId)/messages?limit=2", headers: bearer)
            #expect(page.status == 200)
            let newest = page.object["data"] as? [[String: Any]] ?? []
            #expect(newest.compactMap { $0["content"] as? String } == ["Para dezembro", "Duas pessoas"])
            #expect(page.object["hasMore"] as? Bool == true)
            let cursor = try #require(page.object["nextCursor"] as? String)
            let older = try app.client.send(
                "GET", "/api/conversations/\(conversationId)/messages?limit=2&before=\(cursor)",
                headers: bearer)
            let oldest = older.object["data"] as? [[String: Any]] ?? []
            #expect(oldest.compactMap { $0["content"] as? String } == ["Olá, gostaria de fazer uma reserva"])
            #expect(older.object["hasMore"] as? Bool == false)

            let stats = try app.client.send(
                "GET", "/api/conversations/\(conversationId)/stats", headers: bearer)
            #expect(stats.object["total"] as? Int == 3)
            #expect((stats.object["byDirection"] as? [String: Any])?["INBOUND"] as? Int == 3)

            let search = try app.client.send("GET", "/api/messages/search?query=reserva", headers: bearer)
            #expect(search.status == 200)
            #expect(search.object["count"] as? Int == 1)

            let dashboard = try app.client.send("GET", "/api/stats/dashboard", headers: bearer)
            #expect(dashboard.status == 200)

            let foreign = try app.client.send(
                "GET", "/api/conversations/\(conversationId)",
                headers: ["Authorization": "Bearer \(other.token!)"])
            #expect(foreign.status == 404)
            let foreignList = try app.client.send(
                "GET", "/api/conversations", headers: ["Authorization": "Bearer \(other.token!)"])
            #expect((foreignList.object["pagination"] as? [String: Any])?["total"] as? Int == 0)
        }
    }

    @Test func badQueryParametersAre400NamingThem() throws {
        try TestApp.with { app in
            let hotel = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let bearer = ["Authorization": "Bearer \(hotel.token!)"]
            let cases: [(String, String)] = [
                ("/api/conversations?status=SLEEPING", "status"),
                ("/api/conversations?limit=101", "limit"),
                ("/api/conversations?page=-1", "page"),
                ("/api/conversations?assignedToId=42", "assignedToId"),
                ("/api/conversations?unread=maybe", "unread"),
                ("/api/conversations/not-a-uuid", "id"),
                ("/api/conversations/\(UUID().uuidString)/messages?before=x", "before"),
                ("/api/messages/search", "query"),
                ("/api/stats/latency?from=yesterday", "from"),
            ]
            for (path, field) in cases {
                let response = try app.client.send("GET", path, headers: bearer)
                #expect(response.status == 400, "\(path)")
                #expect(response.errorField == field, "\(path)")
            }
            let unknown = try app.client.send(
                "GET", "/api/conversations/\(UUID().uuidString)", headers: bearer)
            #expect(unknown.status == 404)
            let anonymous = try app.client.send("GET", "/api/conversations")
            #expect(anonymous.status == 401)
        }
    }
}
