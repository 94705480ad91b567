import Foundation
import Projections
import Testing

@testable import API

@Suite(.serialized) struct EventStreamAuditTests {
    @Test func eventStreamResumesWithLastEventIdWithoutGapOrDuplicate() throws {
        try ConversationFixture.with { app in
            let admin = try app.register(slug: "hotel-a")
            let other = try app.register(slug: "hotel-b")
            let first = try EventStreamClient(port: app.client.port, token: admin.token)
            let id = try app.open(admin, phone: "5511900000001")
            _ = try app.open(other, phone: "5511900000002")  // another tenant: never seen
            try app.receive(id, text: "Olá", at: Timestamp.nowMilliseconds())
            _ = try app.send(admin, "PATCH", "/api/conversations/\(id)", json: #"{"priority": "HIGH"}"#)
            // Opening by an agent is the opening plus its assignment.
            let seen = try first.events(4)
            #expect(
                seen.map(\.name) == [
                    "conversation:new", "conversation:updated", "message:new", "conversation:updated",
                ])
            #expect(seen.conversationIds == [id, id, id, id])
            #expect(seen[2].data["type"] as? String == "MessageReceived.v1")
            // Seed 001 socket payloads.
            #expect((seen[0].data["conversation"] as? [String: Any])?["status"] as? String == "OPEN")
            let assigned = (seen[1].data["updates"] as? [String: Any])?["assignedToId"] as? String
            #expect(assigned == admin.userId.lowercasedString)
            let message = try #require(seen[2].data["message"] as? [String: Any])
            #expect(message["content"] as? String == "Olá")
            #expect(message["direction"] as? String == "INBOUND")
            let contact = message["contact"] as? [String: Any]
            #expect(contact?["name"] as? String == "João Silva")
            #expect(contact?["phoneNumber"] as? String == "5511900000001")
            #expect((seen[3].data["updates"] as? [String: Any])?["priority"] as? String == "HIGH")
            #expect(seen.map(\.id) == seen.map(\.id).sorted())

            // Disconnected, the client misses these…
            let lastSeen = try #require(seen.last?.id)
            _ = try app.send(admin, "POST", "/api/conversations/\(id)/close")
            try app.receive(
                try app.open(admin, phone: "5511900000003"), text: "Oi", at: Timestamp.nowMilliseconds())
            // …and gets exactly them, in order, when it resumes.
            let resumed = try EventStreamClient(
                port: app.client.port, token: admin.token, lastEventId: lastSeen)
            let missed = try resumed.events(4)
            #expect(
                missed.map(\.name) == [
                    "conversation:updated", "conversation:new", "conversation:updated", "message:new",
                ])
            #expect(missed.first?.id ?? 0 > lastSeen)
            #expect(Set(missed.map(\.id)).count == 4)
            #expect(try resumed.quiet(for: 1).isEmpty)
            // Live events keep coming on the resumed stream.
            _ = try app.send(admin, "POST", "/api/conversations/\(id)/reopen")
            let live = try resumed.events(1)
            #expect(live.first?.name == "conversation:updated")
            #expect(live.first?.id ?? 0 > missed.last?.id ?? 0)
        }
    }

    @Test func anIdleEventStreamDoesNotHoldUpOtherRequests() throws {
        try ConversationFixture.with { app in
            let admin = try app.register(slug: "hotel-a")
            var router = Router()
            EventStreamRoute(services: app.services, keepAliveSeconds: 15).register(into: &router)
            router.add("GET", "/ping") { _ in Response.text("pong") }
            let (server, client) = try TestServer.start(router)
            defer { server.stop() }
            let stream = try EventStreamClient(port: client.port, token: admin.token)
            #expect(try stream.quiet(for: 0.5).isEmpty)
            let started = Date()
            for _ in 0..<3 {
                #expect(try client.send("GET", "/ping").status == 200)
            }
            #expect(Date().timeIntervalSince(started) < 1)
        }
    }

    @Test func idleEventStreamSendsHeartbeatsAndStillDeliversNewEvents() throws {
        try ConversationFixture.with { app in
            let admin = try app.register(slug: "hotel-a")
            var router = Router()
            EventStreamRoute(services: app.services, keepAliveSeconds: 0.3).register(into: &router)
            let (server, client) = try TestServer.start(router)
            defer { server.stop() }
            let stream = try EventStreamClient(port: client.port, token: admin.token)
            #expect(try stream.quiet(for: 2).isEmpty)
            #expect(stream.comments.filter { $0 == "keep-alive" }.count >= 2)
            let id = try app.open(admin, phone: "5511900000001")
            let events = try stream.events(1)
            #expect(events.first?.name == "conversation:new")
            #expect(events.conversationIds == [id])
        }
    }

    @Test func eventStreamNeedsAToken() throws {
        try ConversationFixture.with { app in
            #expect(try app.client.send("GET", "/api/events").status == 401)
            let session = try app.register(slug: "hotel-a")
            let bad = try app.send(session, "GET", "/api/events", headers: ["Last-Event-ID": "abc"])
            #expect(bad.status == 400)
            #expect(bad.errorField == "Last-Event-ID")
        }
    }

    @Test func auditVerifiesTheChainExportsTheLogAndReplaysAsOf() throws {
        try ConversationFixture.with { app in
            let admin = try app.register(slug: "hotel-a")
            let agent = try app.createUser(admin, name: "Maria")
            let id = try app.open(admin, phone: "5511900000001", name: "Ana")
            _ = try app.send(admin, "PATCH", "/api/conversations/\(id)", json: #"{"priority": "URGENT"}"#)
            Thread.sleep(forTimeInterval: 0.01)
            let between = Timestamp.format(milliseconds: Timestamp.nowMilliseconds())
            Thread.sleep(forTimeInterval: 0.01)
            _ = try app.send(admin, "POST", "/api/conversations/\(id)/close", json: #"{"notes": "fim"}"#)

            let verify = try app.send(admin, "GET", "/api/audit/verify")
            #expect(verify.status == 200)
            #expect(verify.object["intact"] as? Bool == true)
            #expect(verify.object["eventsChecked"] as? Int ?? 0 >= 6)
            #expect(try app.send(agent, "GET", "/api/audit/verify").status == 403)

            let before = try app.send(admin, "GET", "/api/audit/conversations/\(id)?asOf=\(between)")
            #expect(before.status == 200)
            #expect(before.object["status"] as? String == "OPEN")
            #expect(before.object["priority"] as? String == "URGENT")
            let now = try app.send(
                admin, "GET",
                "/api/audit/conversations/\(id)?asOf=\(Timestamp.format(milliseconds: Timestamp.nowMilliseconds()))"
            )
            #expect(now.object["status"] as? String == "CLOSED")
            let tooEarly = try app.send(
                admin, "GET", "/api/audit/conversations/\(id)?asOf=2000-01-01T00:00:00.000Z")
            #expect(tooEarly.status == 404)
            #expect(
                try app.send(admin, "GET", "/api/audit/conversations/\(id)?asOf=yesterday").errorField
                    == "asOf")

            let history = try app.send(admin, "GET", "/api/audit/conversations/\(id)/history")
            #expect(
                history.data.map { $0["type"] as? String } == [
                    "ConversationOpened.v1", "ConversationAssigned.v1", "ConversationPriorityChanged.v1",
                    "ConversationClosed.v1",
                ])
            let export = try app.send(admin, "GET", "/api/audit/events?stream=conversation-\(id)")
            #expect(export.status == 200)
            #expect(export.header("Content-Type")?.hasPrefix("application/x-ndjson") == true)
            let lines = export.dechunkedText.split(separator: "\n")
            #expect(lines.count == 4)
            let firstLine = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
            #expect(firstLine?["type"] as? String == "ConversationOpened.v1")
            let positions = try export.dechunkedText.split(separator: "\n").map { line in
                try #require(
                    (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["position"]
                        as? Int)
            }
            #expect(positions == positions.sorted())
            let window = try app.send(
                admin, "GET", "/api/audit/events?from=\(positions[1])&to=\(positions[1])")
            #expect(window.dechunkedText.split(separator: "\n").count == 1)
            let typed = try app.send(admin, "GET", "/api/audit/events?type=ConversationClosed.v1")
            #expect(typed.dechunkedText.split(separator: "\n").count == 1)
            #expect(
                try app.send(admin, "GET", "/api/audit/events?from=-1").errorField == "from")
        }
    }

    @Test func erasingAContactShowsErasedInTheReadModels() throws {
        try ConversationFixture.with { app in
            let admin = try app.register(slug: "hotel-a")
            let id = try app.open(admin, phone: "5511900000001", name: "Ana Souza")
            try app.receive(id, text: "Meu CPF é 123", at: Timestamp.nowMilliseconds())
            let contactId = try #require(
                try app.send(admin, "GET", "/api/conversations/\(id)").object["contactId"] as? String)
            let erased = try app.send(admin, "POST", "/api/contacts/\(contactId)/erase")
            #expect(erased.status == 204)
            let position = try #require(erased.header("X-Log-Position"))
            let view = try app.send(
                admin, "GET", "/api/conversations/\(id)", headers: ["X-Min-Position": position])
            let contact = try #require(view.object["contact"] as? [String: Any])
            #expect(contact["name"] as? String == "[erased]")
            #expect(contact["phoneNumber"] as? String == "[erased]")
            let messages = try app.send(admin, "GET", "/api/conversations/\(id)/messages")
            #expect(messages.data.first?["content"] as? String == "[erased]")
            let history = try app.send(admin, "GET", "/api/audit/events?stream=contact-\(contactId)")
            #expect(!history.dechunkedText.contains("Ana Souza"))
            #expect(history.dechunkedText.contains("[erased]"))
            #expect(try app.send(admin, "GET", "/api/audit/verify").object["intact"] as? Bool == true)
            let other = try app.register(slug: "hotel-b")
            #expect(try app.send(other, "POST", "/api/contacts/\(contactId)/erase").status == 404)
        }
    }
}

extension [ReceivedEvent] {
    /// The conversation each event is about (`conversationId`, or the new conversation's id).
    var conversationIds: [String?] {
        map { event in
            event.data["conversationId"] as? String
                ?? (event.data["conversation"] as? [String: Any])?["id"] as? String
        }
    }
}
