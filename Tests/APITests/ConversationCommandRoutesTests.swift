import Foundation
import Testing

@testable import API

@Suite(.serialized) struct ConversationCommandRoutesTests {
    @Test func conversationLifecycleThroughTheAPI() throws {
        try TestApp.with { app in
            let admin = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let bearer = ["Authorization": "Bearer \(admin.token!)"]
            let maria = try app.client.sendJSON(
                "POST", "/auth/users",
                json: #"{"name":"Maria","email":"maria@hotel.com","password":"maria-pass"}"#,
                headers: bearer)
            let mariaId = try #require(maria.object["id"] as? String)

            let opened = try app.client.sendJSON(
                "POST", "/api/conversations",
                json: #"{"phoneNumber":"+55 11 99999-9999","name":"João Silva"}"#,
                headers: bearer)
            #expect(opened.status == 201)
            #expect(opened.object["status"] as? String == "OPEN")
            #expect(
                (opened.object["contact"] as? [String: Any])?["phoneNumber"] as? String == "5511999999999")
            #expect(opened.header("X-Log-Position") != nil)
            let id = try #require(opened.object["id"] as? String)

            let duplicate = try app.client.sendJSON(
                "POST", "/api/conversations", json: #"{"phoneNumber":"5511999999999"}"#, headers: bearer)
            #expect(duplicate.status == 409)

            let updated = try app.client.sendJSON(
                "PATCH", "/api/conversations/\(id)",
                json: #"{"status":"IN_PROGRESS","priority":"HIGH","assignedToId":"\#(mariaId)"}"#,
                headers: bearer)
            #expect(updated.status == 200)
            #expect(updated.object["status"] as? String == "IN_PROGRESS")
            #expect(updated.object["priority"] as? String == "HIGH")
            #expect(updated.object["assignedToId"] as? String == mariaId)
            #expect((updated.object["assignedTo"] as? [String: Any])?["name"] as? String == "Maria")

            let unassigned = try app.client.sendJSON(
                "PATCH", "/api/conversations/\(id)", json: #"{"assignedToId":null}"#, headers: bearer)
            #expect(unassigned.object["assignedToId"] is NSNull)

            let badStatus = try app.client.sendJSON(
                "PATCH", "/api/conversations/\(id)", json: #"{"status":"SLEEPING"}"#, headers: bearer)
            #expect(badStatus.status == 400)
            #expect(badStatus.errorField == "status")
            let unknownUser = try app.client.sendJSON(
                "POST", "/api/conversations/\(id)/assign", json: #"{"userId":"\#(UUID().uuidString)"}"#,
                headers: bearer)
            #expect(unknownUser.status == 404)
            let assigned = try app.client.sendJSON(
                "POST", "/api/conversations/\(id)/assign", json: #"{"userId":"\#(mariaId)"}"#, headers: bearer
            )
            #expect(assigned.object["assignedToId"] as? String == mariaId)

            let closed = try app.client.sendJSON(
                "POST", "/api/conversations/\(id)/close", json: #"{"notes":"Reserva feita"}"#, headers: bearer
            )
            #expect(closed.status == 200)
            #expect(closed.object["status"] as? String == "CLOSED")
            #expect(closed.object["closedAt"] is String)
            let badScore = try app.client.sendJSON(
                "POST", "/api/conversations/\(id)/rating", json: #"{"score":9}"#, headers: bearer)
            #expect(badScore.status == 400)
            #expect(badScore.errorField == "score")
            let rated = try app.client.sendJSON(
                "POST", "/api/conversations/\(id)/rating", json: #"{"score":5,"comment":"Ótimo"}"#,
                headers: bearer)
            #expect(rated.status == 200)
            let reopened = try app.client.send("POST", "/api/conversations/\(id)/reopen", headers: bearer)
            #expect(reopened.status == 200)
            #expect(reopened.object["status"] as? String == "OPEN")
            let read = try app.client.send("POST", "/api/conversations/\(id)/read", headers: bearer)
            #expect(read.status == 204)
            #expect(read.header("X-Log-Position") != nil)

            let other = try app.register(slug: "hotel-xyz", email: "admin@xyz.com")
            let foreign = try app.client.sendJSON(
                "PATCH", "/api/conversations/\(id)", json: #"{"priority":"LOW"}"#,
                headers: ["Authorization": "Bearer \(other.token!)"])
            #expect(foreign.status == 404)
        }
    }
}

@Suite(.serialized) struct DepartmentRoutesTests {
    @Test func departmentsAreCreatedListedAndUsableForTransfers() throws {
        try TestApp.with { app in
            let admin = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let bearer = ["Authorization": "Bearer \(admin.token!)"]
            let created = try app.client.sendJSON(
                "POST", "/api/departments", json: ##"{"name":"Reservas","color":"#4CAF50"}"##, headers: bearer
            )
            #expect(created.status == 201)
            #expect(created.object["name"] as? String == "Reservas")
            let departmentId = try #require(created.object["id"] as? String)
            let duplicate = try app.client.sendJSON(
                "POST", "/api/departments", json: #"{"name":"reservas"}"#, headers: bearer)
            #expect(duplicate.status == 409)
            let badColor = try app.client.sendJSON(
                "POST", "/api/departments", json: #"{"name":"Vendas","color":"green"}"#, headers: bearer)
            #expect(badColor.status == 400)
            #expect(badColor.errorField == "color")
            let listed = try app.client.send("GET", "/api/departments", headers: bearer)
            #expect((listed.object["data"] as? [[String: Any]])?.count == 1)

            let opened = try app.client.sendJSON(
                "POST", "/api/conversations", json: #"{"phoneNumber":"5511999999999"}"#, headers: bearer)
            let id = try #require(opened.object["id"] as? String)
            let transferred = try app.client.sendJSON(
                "POST", "/api/conversations/\(id)/transfer",
                json: #"{"toDepartmentId":"\#(departmentId)","reason":"Cliente quer reservar"}"#,
                headers: bearer)
            #expect(transferred.status == 200)
            let transfers = try app.client.send("GET", "/api/conversations/\(id)/transfers", headers: bearer)
            let items = transfers.object["data"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            #expect(items.first?["reason"] as? String == "Cliente quer reservar")
        }
    }
}
