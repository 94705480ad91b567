import Domain
import Foundation
import Projections
import Testing

@testable import API

@Suite(.serialized) struct StatsAndOperationsTests {
    @Test func statsFollowConversationsMessagesClosuresAndRatings() throws {
        try ConversationFixture.with { app in
            let admin = try app.register(slug: "hotel-a")
            let agent = try app.createUser(admin, name: "Maria")
            let first = try app.open(agent, phone: "5511900000001")
            let second = try app.open(admin, phone: "5511900000002")
            try app.receive(first, text: "um", at: Timestamp.nowMilliseconds())
            try app.receive(first, text: "dois", at: Timestamp.nowMilliseconds())
            _ = try app.send(agent, "POST", "/api/conversations/\(second)/close")
            _ = try app.send(
                agent, "POST", "/api/conversations/\(second)/rating", json: #"{"score": 4, "comment": "bom"}"#
            )

            let dashboard = try app.send(admin, "GET", "/api/stats/dashboard")
            #expect(dashboard.status == 200)
            #expect(dashboard.object["totalChats"] as? Int == 2)
            #expect(dashboard.object["openChats"] as? Int == 1)
            #expect(dashboard.object["closedChats"] as? Int == 1)
            #expect(dashboard.object["totalMessages"] as? Int == 2)
            #expect(dashboard.object["todayMessages"] as? Int == 2)
            #expect(dashboard.object["unreadMessages"] as? Int == 2)

            let service = try app.send(admin, "GET", "/api/stats/service")
            #expect((service.object["resolution"] as? [String: Any])?["count"] as? Int == 1)
            let csat = try #require(service.object["csat"] as? [String: Any])
            #expect(csat["ratings"] as? Int == 1)
            #expect(csat["score"] as? Double == 100)
            let future = Timestamp.format(milliseconds: Timestamp.nowMilliseconds() + 3_600_000)
            let empty = try app.send(admin, "GET", "/api/stats/service?from=\(future)")
            #expect((empty.object["csat"] as? [String: Any])?["ratings"] as? Int == 0)

            let agents = try app.send(admin, "GET", "/api/stats/agents")
            let maria = agents.data.first { $0["id"] as? String == agent.userId.lowercasedString }
            #expect(maria?["openConversations"] as? Int == 1)

            let latency = try app.send(admin, "GET", "/api/stats/latency")
            #expect(latency.status == 200)
            #expect(latency.object["total_messages"] as? Int == 0)
            #expect(latency.object["to_sent"] is [String: Any])

            let reversed = try app.send(
                admin, "GET", "/api/stats/latency?from=2025-11-12T10:00:00.000Z&to=2025-11-11T10:00:00.000Z")
            #expect(reversed.status == 400)
            #expect(reversed.errorField == "from")
            #expect(try app.send(admin, "GET", "/api/stats/service?to=soon").errorField == "to")
            #expect(try app.send(admin, "GET", "/api/stats/service?agentId=7").errorField == "agentId")
            #expect(
                try app.send(admin, "GET", "/api/stats/latency?departmentId=x").errorField == "departmentId")
            let other = try app.register(slug: "hotel-b")
            #expect(try app.send(other, "GET", "/api/stats/dashboard").object["totalChats"] as? Int == 0)
        }
    }

    @Test func minPositionReadsIncludeAnAppendTheCallerMade() throws {
        try ConversationFixture.with { app in
            let admin = try app.register(slug: "hotel-a")
            let id = try app.open(admin, phone: "5511900000001")
            let conversationId = try requireUUID(id)
            // Appended straight to the log, without waiting for the projector.
            let pipeline = app.services.pipeline
            let outcome = try pipeline.execute(CommandContext(actor: "test", correlationId: nil)) {
                let loaded = try pipeline.load(Streams.conversation(conversationId))
                let state = try #require(loaded.fold(Conversation.evolve))
                let decision = try Conversation.decide(
                    .changePriority(.urgent, byUserId: nil), state: state, now: Timestamp.nowMilliseconds())
                return try CommandPlan(
                    decision: decision, tenant: state.tenantId, loaded: loaded, store: app.services.store)
            }
            let read = try app.send(
                admin, "GET", "/api/conversations/\(id)", headers: ["X-Min-Position": String(outcome.head)])
            #expect(read.status == 200)
            #expect(read.object["priority"] as? String == "URGENT")
            let bad = try app.send(
                admin, "GET", "/api/conversations/\(id)", headers: ["X-Min-Position": "soon"])
            #expect(bad.status == 400)
            #expect(bad.errorField == "X-Min-Position")
        }
    }

    @Test func openAPIListsEveryRouteWithADescription() throws {
        try ConversationFixture.with { app in
            let response = try app.client.send("GET", "/openapi.json")
            #expect(response.status == 200)
            #expect(response.object["openapi"] as? String == "3.1.0")
            let paths = try #require(response.object["paths"] as? [String: [String: Any]])
            let router = try ChatLedgerApp.routes(app.services)
            #expect(!router.routeTable.isEmpty)
            for route in router.routeTable {
                let operation = paths[
                    "/"
                        + route.pattern.split(separator: "/").map {
                            $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0)
                        }.joined(separator: "/")]?[route.method.lowercased()]
                #expect(operation != nil, "\(route.method) \(route.pattern) missing")
                #expect(
                    RouteDescriptions.summary(method: route.method, pattern: route.pattern) != nil,
                    "\(route.method) \(route.pattern) has no description")
            }
            #expect(paths["/ready"]?["get"] != nil)
            #expect(paths["/api/conversations/{id}/transfer"]?["post"] != nil)
            #expect(try app.client.send("GET", "/ready").status == 200)
        }
    }
}
