import Domain
import Foundation
import Projections
import Testing

@Suite(.serialized) struct ConversationQueryTests {
    @Test func everyListFilterEqualsACountOverTheDomainState() throws {
        try ProjectedLog.with(steps: 500) { (log: ProjectedLog) throws in
            for fixture in log.generator.tenants {
                let all = log.conversations(of: fixture.id)
                let total: (ConversationFilter) throws -> Int = { filter in
                    try log.readModel.conversations(tenant: fixture.id, filter: filter).pagination.total
                }
                #expect(try total(ConversationFilter()) == all.count)
                for status in ConversationStatus.allCases {
                    #expect(
                        try total(ConversationFilter(status: status.rawValue))
                            == all.filter { $0.status == status }.count)
                }
                for priority in ConversationPriority.allCases {
                    #expect(
                        try total(ConversationFilter(priority: priority.rawValue))
                            == all.filter { $0.priority == priority }.count)
                }
                for user in fixture.users {
                    #expect(
                        try total(ConversationFilter(assignedToId: user))
                            == all.filter { $0.assignedUserId == user }.count)
                }
                for department in fixture.departments {
                    #expect(
                        try total(ConversationFilter(departmentId: department))
                            == all.filter { $0.departmentId == department }.count)
                }
                for (index, tag) in fixture.tags.enumerated() {
                    let expected = all.filter { $0.tagIds.contains(tag) }.count
                    #expect(try total(ConversationFilter(tag: tag.uuidString)) == expected)
                    let name = ["reserva", "RECLAMAÇÃO", "Vip"][index]
                    #expect(try total(ConversationFilter(tag: name)) == expected)
                }
                #expect(
                    try total(ConversationFilter(unread: true)) == all.filter { $0.unreadCount > 0 }.count)
                #expect(
                    try total(ConversationFilter(unread: false)) == all.filter { $0.unreadCount == 0 }.count)
                let named = all.filter {
                    let contact = log.generator.contacts[$0.contactId]
                    return contact?.isErased == false
                        && (contact?.name ?? "").lowercased().contains("cliente 1")
                }
                #expect(try total(ConversationFilter(search: "CLIENTE 1")) == named.count)
                let open = all.filter { $0.status == .open && $0.unreadCount > 0 }
                #expect(try total(ConversationFilter(status: "OPEN", unread: true)) == open.count)
            }
        }
    }

    @Test func pagesCoverEveryConversationOnceAndEdgesBehave() throws {
        try ProjectedLog.with(steps: 300) { (log: ProjectedLog) throws in
            let tenant = log.generator.tenants[0].id
            let expected = Set(log.conversations(of: tenant).map { $0.id.uuidString.lowercased() })
            var seen: [String] = []
            var page = 1
            while true {
                let result = try log.readModel.conversations(
                    tenant: tenant, filter: ConversationFilter(page: page, limit: 7))
                #expect(result.pagination.total == expected.count)
                #expect(result.pagination.pages == (expected.count + 6) / 7)
                if result.data.isEmpty { break }
                seen += result.data.map(\.id)
                page += 1
            }
            #expect(seen.count == expected.count)
            #expect(Set(seen) == expected)
            let past = try log.readModel.conversations(
                tenant: tenant, filter: ConversationFilter(page: 1000, limit: 5))
            #expect(past.data.isEmpty)
            #expect(past.pagination.total == expected.count)
            let hundred = try log.readModel.conversations(
                tenant: tenant, filter: ConversationFilter(limit: 100))
            #expect(hundred.data.count == min(100, expected.count))
            #expect(throws: ReadModelError.invalidParameter(field: "limit", reason: "must be at most 100")) {
                try log.readModel.conversations(tenant: tenant, filter: ConversationFilter(limit: 101))
            }
            #expect(throws: ReadModelError.self) {
                try log.readModel.conversations(tenant: tenant, filter: ConversationFilter(page: 0))
            }
            #expect(throws: ReadModelError.self) {
                try log.readModel.conversations(tenant: tenant, filter: ConversationFilter(status: "DONE"))
            }
            let other = try log.readModel.conversations(tenant: UUID(), filter: ConversationFilter())
            #expect(other.pagination.total == 0)
        }
    }

    @Test func detailUnreadCountsAndStatsEqualTheEvents() throws {
        try ProjectedLog.with(steps: 400) { (log: ProjectedLog) throws in
            for fixture in log.generator.tenants {
                for conversation in log.conversations(of: fixture.id) {
                    let detail = try #require(
                        try log.readModel.conversation(tenant: fixture.id, id: conversation.id))
                    #expect(detail.unreadCount == conversation.unreadCount)
                    #expect(detail.status == conversation.status.rawValue)
                    #expect(detail.assignedToId == conversation.assignedUserId?.uuidString.lowercased())
                    #expect(detail.tags.map(\.id) == conversation.tagIds.map { $0.uuidString.lowercased() })
                    let stats = try #require(
                        try log.readModel.conversationStats(tenant: fixture.id, conversation: conversation.id)
                    )
                    let messages = conversation.messages.values
                    #expect(stats.total == messages.count)
                    #expect(
                        stats.byDirection["INBOUND"] == messages.filter { $0.direction == .inbound }.count)
                    #expect(
                        stats.byDirection["OUTBOUND"] == messages.filter { $0.direction == .outbound }.count)
                    for status in DeliveryStatus.allCases {
                        let count = messages.filter { $0.status == status }.count
                        #expect((stats.byStatus[status.rawValue] ?? 0) == count)
                    }
                }
                let all = log.conversations(of: fixture.id)
                let dashboard = try log.readModel.dashboard(tenant: fixture.id, now: log.generator.now)
                #expect(dashboard.totalChats == all.count)
                #expect(dashboard.closedChats == all.filter(\.isClosed).count)
                #expect(dashboard.unreadMessages == all.map(\.unreadCount).reduce(0, +))
                #expect(dashboard.totalMessages == all.map(\.messages.count).reduce(0, +))
                #expect(dashboard.connectedInstances == 1)
            }
            #expect(
                try log.readModel.conversation(tenant: UUID(), id: log.generator.conversations.keys.first!)
                    == nil)
        }
    }

    @Test func transfersAreListedInOrderWithNames() throws {
        try ProjectedLog.with(steps: 400) { (log: ProjectedLog) throws in
            var expected: [UUID: [UUID]] = [:]
            for (_, event) in log.events {
                if case .conversationTransferred(let t) = event {
                    expected[t.conversationId, default: []].append(t.transferId)
                }
            }
            #expect(!expected.isEmpty)
            for (conversation, ids) in expected {
                let tenant = log.generator.conversations[conversation]!.tenantId
                let transfers = try #require(
                    try log.readModel.transfers(tenant: tenant, conversation: conversation))
                #expect(transfers.map(\.id) == ids.map { $0.uuidString.lowercased() })
                #expect(transfers.allSatisfy { $0.toUserName?.hasPrefix("Agente") == true })
            }
        }
    }

    @Test func listItemEncodesEveryKeyOfTheSeedShape() throws {
        try ProjectedLog.with(steps: 60) { (log: ProjectedLog) throws in
            let tenant = log.generator.tenants[0].id
            let page = try log.readModel.conversations(tenant: tenant, filter: ConversationFilter(limit: 1))
            let data = try JSONEncoder().encode(page)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let item = try #require((object["data"] as? [[String: Any]])?.first)
            for key in [
                "id", "tenantId", "contactId", "contact", "status", "priority", "assignedToId", "assignedTo",
                "tags",
                "lastMessageAt", "closedAt", "lastMessage", "unreadCount",
            ] {
                #expect(item.keys.contains(key), "missing \(key)")
            }
            let pagination = try #require(object["pagination"] as? [String: Any])
            #expect(Set(pagination.keys) == ["page", "limit", "total", "pages"])
        }
    }
}
