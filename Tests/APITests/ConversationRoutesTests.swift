import Foundation
import Projections
import Testing

@testable import API

@Suite(.serialized) struct ConversationRoutesTests {
    @Test func listFiltersAndPaginationEdges() throws {
        try ConversationFixture.with { app in
            let admin = try app.register(slug: "hotel-a")
            let first = try app.open(admin, phone: "5511900000001", name: "Ana Souza")
            _ = try app.open(admin, phone: "5511900000002", name: "Bruno Lima")
            _ = try app.open(admin, phone: "5511900000003", name: "Carla Dias")
            let patched = try app.send(
                admin, "PATCH", "/api/conversations/\(first)", json: #"{"priority": "HIGH"}"#)
            #expect(patched.status == 200)
            try app.receive(first, text: "Olá", at: Timestamp.nowMilliseconds())

            let all = try app.send(admin, "GET", "/api/conversations")
            #expect(all.status == 200)
            #expect(all.data.count == 3)
            #expect(all.pagination == ["page": 1, "limit": 20, "total": 3, "pages": 1])
            let high = try app.send(admin, "GET", "/api/conversations?priority=HIGH")
            #expect(high.data.map { $0["id"] as? String } == [first])
            let unread = try app.send(admin, "GET", "/api/conversations?unread=true")
            #expect(unread.data.map { $0["id"] as? String } == [first])
            let byName = try app.send(admin, "GET", "/api/conversations?search=bruno")
            #expect(byName.data.count == 1)
            #expect((byName.data.first?["contact"] as? [String: Any])?["name"] as? String == "Bruno Lima")
            let byPhone = try app.send(admin, "GET", "/api/conversations?search=0000003")
            #expect(byPhone.data.count == 1)
            let open = try app.send(
                admin, "GET", "/api/conversations?status=OPEN&assignedToId=\(admin.userId)")
            #expect(open.data.count == 3)

            let pageTwo = try app.send(admin, "GET", "/api/conversations?page=2&limit=2")
            #expect(pageTwo.data.count == 1)
            #expect(pageTwo.pagination == ["page": 2, "limit": 2, "total": 3, "pages": 2])
            let pastTheEnd = try app.send(admin, "GET", "/api/conversations?page=5&limit=2")
            #expect(pastTheEnd.status == 200)
            #expect(pastTheEnd.data.isEmpty)
            #expect(pastTheEnd.pagination["total"] == 3)
            #expect(try app.send(admin, "GET", "/api/conversations?limit=100").status == 200)
            for (query, field) in [
                ("limit=101", "limit"), ("limit=0", "limit"), ("page=0", "page"), ("page=-1", "page"),
                ("page=abc", "page"), ("status=DONE", "status"), ("priority=NONE", "priority"),
                ("assignedToId=42", "assignedToId"), ("unread=maybe", "unread"),
            ] {
                let refused = try app.send(admin, "GET", "/api/conversations?\(query)")
                #expect(refused.status == 400, "\(query)")
                #expect(refused.errorField == field, "\(query)")
            }
        }
    }

    @Test func openingASecondConversationForTheSameContactIs409WithTheOpenOne() throws {
        try ConversationFixture.with { app in
            let admin = try app.register(slug: "hotel-a")
            let created = try app.send(
                admin, "POST", "/api/conversations",
                json: #"{"phoneNumber": "+55 11 98888-7777", "name": "Maria"}"#)
            #expect(created.status == 201)
            #expect(created.object["status"] as? String == "OPEN")
            #expect(
                (created.object["contact"] as? [String: Any])?["phoneNumber"] as? String == "5511988887777")
            #expect(Int(created.header("X-Log-Position") ?? "") ?? 0 > 2)
            let again = try app.send(
                admin, "POST", "/api/conversations", json: #"{"phoneNumber": "5511988887777"}"#)
            #expect(again.status == 409)
            #expect(again.errorCode == "ERR_CONVERSATION_OPEN")
            #expect(
                (again.object["details"] as? [String: Any])?["conversationId"] as? String == created.object[
                    "id"] as? String)
            let bad = try app.send(admin, "POST", "/api/conversations", json: #"{"phoneNumber": "12"}"#)
            #expect(bad.status == 400)
            #expect(bad.errorField == "phoneNumber")
        }
    }

    @Test func patchAssignTransferCloseReopenAndRate() throws {
        try ConversationFixture.with { app in
            let admin = try app.register(slug: "hotel-a")
            let agent = try app.createUser(admin, name: "Maria")
            let id = try app.open(admin, phone: "5511900000001")
            let tag = try app.send(
                admin, "POST", "/api/tags", json: ##"{"name": "Reserva", "color": "#4CAF50"}"##)
            #expect(tag.status == 201)
            let tagId = try #require(tag.object["id"] as? String)
            let department = try app.send(
                admin, "POST", "/api/departments",
                json:
                    ##"{"name": "Vendas", "color": "#10B981", "maxConcurrentPerAgent": 3, "expectedResponseMinutes": 15}"##
            )
            #expect(department.status == 201)
            let departmentId = try #require(department.object["id"] as? String)

            let patched = try app.send(
                agent, "PATCH", "/api/conversations/\(id)",
                json:
                    #"{"status": "IN_PROGRESS", "priority": "URGENT", "assignedToId": "\#(agent.userId)", "tagIds": ["\#(tagId)"]}"#
            )
            #expect(patched.status == 200)
            #expect(patched.object["status"] as? String == "IN_PROGRESS")
            #expect(patched.object["priority"] as? String == "URGENT")
            #expect(patched.object["assignedToId"] as? String == agent.userId.lowercasedString)
            #expect((patched.object["assignedTo"] as? [String: Any])?["name"] as? String == "Maria")
            #expect((patched.object["tags"] as? [[String: Any]])?.first?["name"] as? String == "Reserva")
            let position = try #require(UInt64(patched.header("X-Log-Position") ?? ""))
            let unassigned = try app.send(
                agent, "PATCH", "/api/conversations/\(id)", json: #"{"assignedToId": null}"#)
            #expect(unassigned.object["assignedToId"] is NSNull)
            #expect(UInt64(unassigned.header("X-Log-Position") ?? "") ?? 0 > position)
            let badStatus = try app.send(
                agent, "PATCH", "/api/conversations/\(id)", json: #"{"status": "DONE"}"#)
            #expect(badStatus.status == 400)
            #expect(badStatus.errorField == "status")
            let unknownTag = try app.send(
                agent, "PATCH", "/api/conversations/\(id)", json: #"{"tagIds": ["\#(UUID().uuidString)"]}"#)
            #expect(unknownTag.status == 400)
            #expect(unknownTag.errorField == "tagIds[0]")

            let assigned = try app.send(
                admin, "POST", "/api/conversations/\(id)/assign", json: #"{"userId": "\#(agent.userId)"}"#)
            #expect(assigned.status == 200)
            #expect(assigned.object["assignedToId"] as? String == agent.userId.lowercasedString)
            let ghost = try app.send(
                admin, "POST", "/api/conversations/\(id)/assign",
                json: #"{"userId": "\#(UUID().uuidString)"}"#)
            #expect(ghost.status == 404)

            let transferred = try app.send(
                agent, "POST", "/api/conversations/\(id)/transfer",
                json:
                    #"{"toUserId": "\#(admin.userId)", "toDepartmentId": "\#(departmentId)", "reason": "Cliente pediu especialista"}"#
            )
            #expect(transferred.status == 200)
            #expect(transferred.object["assignedToId"] as? String == admin.userId.lowercasedString)
            #expect(transferred.object["departmentId"] as? String == departmentId)
            let noTarget = try app.send(
                agent, "POST", "/api/conversations/\(id)/transfer", json: #"{"reason": "x"}"#)
            #expect(noTarget.status == 400)
            let history = try app.send(agent, "GET", "/api/conversations/\(id)/transfers")
            #expect(history.status == 200)
            #expect(history.data.count == 1)
            #expect(history.data.first?["reason"] as? String == "Cliente pediu especialista")
            #expect(history.data.first?["fromUserId"] as? String == agent.userId.lowercasedString)
            #expect(history.data.first?["toUserName"] as? String == "Admin hotel-a")

            let early = try app.send(
                agent, "POST", "/api/conversations/\(id)/rating", json: #"{"score": 5, "comment": "ok"}"#)
            #expect(early.status == 409)
            let closed = try app.send(
                agent, "POST", "/api/conversations/\(id)/close", json: #"{"notes": "Resolvido"}"#)
            #expect(closed.status == 200)
            #expect(closed.object["status"] as? String == "CLOSED")
            #expect(closed.object["closedAt"] is String)
            let six = try app.send(
                agent, "POST", "/api/conversations/\(id)/rating", json: #"{"score": 6, "comment": "!"}"#)
            #expect(six.status == 400)
            #expect(six.errorField == "score")
            let rated = try app.send(
                agent, "POST", "/api/conversations/\(id)/rating",
                json: #"{"score": 5, "comment": "Excelente"}"#)
            #expect(rated.status == 200)
            #expect((rated.object["rating"] as? [String: Any])?["score"] as? Int == 5)
            // A new conversation for the same contact is allowed once the old one is closed…
            let newer = try app.open(admin, phone: "5511900000001")
            let blocked = try app.send(agent, "POST", "/api/conversations/\(id)/reopen")
            #expect(blocked.status == 409)
            _ = try app.send(agent, "POST", "/api/conversations/\(newer)/close")
            // …and the old one reopens once the newer one is closed.
            let reopened = try app.send(agent, "POST", "/api/conversations/\(id)/reopen")
            #expect(reopened.status == 200)
            #expect(reopened.object["status"] as? String == "OPEN")
            #expect(reopened.object["closedAt"] is NSNull)
        }
    }

    @Test func readResetsUnreadAndMessagesPageByCursorBothWays() throws {
        try ConversationFixture.with { app in
            let admin = try app.register(slug: "hotel-a")
            let id = try app.open(admin, phone: "5511900000001")
            let start = Timestamp.nowMilliseconds()
            var messages: [String] = []
            for index in 0..<5 {
                messages.append(
                    try app.receive(id, text: "mensagem \(index)", at: start + Int64(index)).lowercasedString)
            }
            #expect(try app.send(admin, "GET", "/api/conversations/\(id)").object["unreadCount"] as? Int == 5)
            let read = try app.send(admin, "POST", "/api/conversations/\(id)/read")
            #expect(read.status == 204)
            let position = try #require(read.header("X-Log-Position"))
            let afterRead = try app.send(
                admin, "GET", "/api/conversations/\(id)", headers: ["X-Min-Position": position])
            #expect(afterRead.object["unreadCount"] as? Int == 0)

            let latest = try app.send(admin, "GET", "/api/conversations/\(id)/messages?limit=2")
            #expect(latest.data.map { $0["id"] as? String } == [messages[3], messages[4]])
            #expect(latest.object["hasMore"] as? Bool == true)
            #expect(latest.object["nextCursor"] as? String == messages[3])
            let older = try app.send(
                admin, "GET", "/api/conversations/\(id)/messages?limit=2&before=\(messages[3])")
            #expect(older.data.map { $0["id"] as? String } == [messages[1], messages[2]])
            let oldest = try app.send(
                admin, "GET", "/api/conversations/\(id)/messages?limit=2&before=\(messages[1])")
            #expect(oldest.data.map { $0["id"] as? String } == [messages[0]])
            #expect(oldest.object["hasMore"] as? Bool == false)
            #expect(oldest.object["nextCursor"] is NSNull)
            let newer = try app.send(
                admin, "GET", "/api/conversations/\(id)/messages?limit=2&after=\(messages[0])")
            #expect(newer.data.map { $0["id"] as? String } == [messages[1], messages[2]])
            #expect(newer.object["hasMore"] as? Bool == true)
            #expect(newer.object["nextCursor"] as? String == messages[2])
            #expect(try app.send(admin, "GET", "/api/conversations/\(id)/messages").data.count == 5)
            let tooMany = try app.send(admin, "GET", "/api/conversations/\(id)/messages?limit=101")
            #expect(tooMany.status == 400)
            #expect(tooMany.errorField == "limit")
            let badCursor = try app.send(admin, "GET", "/api/conversations/\(id)/messages?before=nope")
            #expect(badCursor.errorField == "before")

            let stats = try app.send(admin, "GET", "/api/conversations/\(id)/stats")
            #expect(stats.object["total"] as? Int == 5)
            #expect((stats.object["byDirection"] as? [String: Int]) == ["INBOUND": 5, "OUTBOUND": 0])
            #expect((stats.object["byStatus"] as? [String: Int])?["DELIVERED"] == 5)
        }
    }

    @Test func anotherTenantsIdsAreNotFound() throws {
        try ConversationFixture.with { app in
            let tenantA = try app.register(slug: "hotel-a")
            let tenantB = try app.register(slug: "hotel-b")
            let id = try app.open(tenantA, phone: "5511900000001")
            for (method, path, json) in [
                ("GET", "/api/conversations/\(id)", nil), ("GET", "/api/conversations/\(id)/transfers", nil),
                ("GET", "/api/conversations/\(id)/stats", nil),
                ("GET", "/api/conversations/\(id)/messages", nil),
                ("PATCH", "/api/conversations/\(id)", #"{"priority": "LOW"}"#),
                (
                    "POST", "/api/conversations/\(id)/transfer",
                    #"{"toUserId": "\#(tenantB.userId)", "reason": "x"}"#
                ),
                ("POST", "/api/conversations/\(id)/close", nil),
                ("POST", "/api/conversations/\(id)/read", nil),
                ("GET", "/api/audit/conversations/\(id)/history", nil),
            ] as [(String, String, String?)] {
                let response = try app.send(tenantB, method, path, json: json)
                #expect(response.status == 404, "\(method) \(path)")
            }
            // Tenant A cannot point at tenant B's agent either.
            let foreignAgent = try app.send(
                tenantA, "POST", "/api/conversations/\(id)/assign", json: #"{"userId": "\#(tenantB.userId)"}"#
            )
            #expect(foreignAgent.status == 404)
            #expect(try app.send(tenantB, "GET", "/api/conversations").data.isEmpty)
            #expect(try app.send(tenantA, "GET", "/api/conversations/\(id)").status == 200)
        }
    }

    @Test func departmentsAndTagsAreCreatedByAdminsAndListed() throws {
        try ConversationFixture.with { app in
            let admin = try app.register(slug: "hotel-a")
            let agent = try app.createUser(admin, name: "Maria")
            let body =
                ##"{"name": "Suporte", "color": "#3B82F6", "maxConcurrentPerAgent": 5, "expectedResponseMinutes": 10}"##
            #expect(try app.send(agent, "POST", "/api/departments", json: body).status == 403)
            let created = try app.send(admin, "POST", "/api/departments", json: body)
            #expect(created.status == 201)
            #expect(created.object["name"] as? String == "Suporte")
            #expect(created.object["maxConcurrentConversations"] as? Int == 5)
            let duplicate = try app.send(admin, "POST", "/api/departments", json: body)
            #expect(duplicate.status == 409)
            let badColor = try app.send(
                admin, "POST", "/api/departments",
                json:
                    ##"{"name": "X", "color": "blue", "maxConcurrentPerAgent": 5, "expectedResponseMinutes": 10}"##
            )
            #expect(badColor.errorField == "color")
            let list = try app.send(agent, "GET", "/api/departments")
            #expect(list.data.count == 1)
            #expect(list.data.first?["color"] as? String == "#3B82F6")

            #expect(
                try app.send(admin, "POST", "/api/tags", json: ##"{"name": "VIP", "color": "#FF0000"}"##)
                    .status == 201)
            let tags = try app.send(agent, "GET", "/api/tags")
            #expect(tags.data.map { $0["name"] as? String } == ["VIP"])
            #expect(
                try app.send(admin, "POST", "/api/tags", json: ##"{"name": "vip", "color": "#FF0000"}"##)
                    .status == 409)
        }
    }
}

extension TestResponse {
    /// `data` of a list response.
    var data: [[String: Any]] { object["data"] as? [[String: Any]] ?? [] }

    /// `pagination` of a list response.
    var pagination: [String: Int] { object["pagination"] as? [String: Int] ?? [:] }
}
