import Foundation
import Testing

@testable import API

@Suite(.serialized) struct EventStreamTests {
    @Test func eventsStreamLiveAndResumeWithoutGapOrDuplicate() throws {
        try TestApp.with(dispatch: false) { app in
            let admin = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let tenant = admin.tenant["id"] as! String
            let auth = ["Authorization": "Bearer \(admin.token!)"]
            _ = try ingest(
                app, tenant: tenant, [text("wamid.IN1", from: "5511999999999", name: "João", "Olá", at: 1)])

            let live = try EventStreamReader(
                client: app.client, path: "/api/events", headers: auth.merging(["Last-Event-ID": "0"]) { $1 })
            let history = try #require(live.read { $0.contains { $0.event == "message:new" } })
            #expect(live.statusLine.contains("200"))
            #expect(history.map(\.event) == ["conversation:new", "message:new"])
            #expect(history.map(\.id) == history.map(\.id).sorted())
            let firstMessage = history[1]
            #expect(firstMessage.data.contains("MessageReceived.v1"))

            let second = try ingest(
                app, tenant: tenant,
                [text("wamid.IN2", from: "5511999999999", name: "João", "Tudo bem?", at: 2)])
            let withLive = try #require(live.read { $0.filter { $0.event == "message:new" }.count == 2 })
            let liveMessage = try #require(withLive.last { $0.event == "message:new" })
            #expect(liveMessage.id == second.head)

            let resumed = try EventStreamReader(
                client: app.client, path: "/api/events",
                headers: auth.merging(["Last-Event-ID": String(firstMessage.id)]) { $1 })
            let replay = try #require(resumed.read { $0.contains { $0.event == "message:new" } })
            #expect(replay.allSatisfy { $0.id > firstMessage.id })
            #expect(replay.filter { $0.event == "message:new" }.map(\.id) == [liveMessage.id])

            let bad = try app.client.send(
                "GET", "/api/events", headers: auth.merging(["Last-Event-ID": "x"]) { $1 })
            #expect(bad.status == 400)
        }
    }
}
