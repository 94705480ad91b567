import Domain
import Foundation
import Projections
import Testing

@Suite(.serialized) struct MessageQueryTests {
    @Test func cursorsWalkEveryMessageInLogOrder() throws {
        try ProjectedLog.with(steps: 400) { (log: ProjectedLog) throws in
            var order: [UUID: [String]] = [:]
            for (_, event) in log.events {
                switch event {
                case .messageReceived(let m):
                    order[m.conversationId, default: []].append(m.messageId.uuidString.lowercased())
                case .outboundMessageQueued(let m):
                    order[m.conversationId, default: []].append(m.messageId.uuidString.lowercased())
                default: break
                }
            }
            let (conversation, expected) = try #require(order.max { $0.value.count < $1.value.count })
            #expect(expected.count > 6)
            let tenant = log.generator.conversations[conversation]!.tenantId
            let latest = try #require(
                try log.readModel.messages(tenant: tenant, conversation: conversation, limit: 4))
            #expect(latest.data.map(\.id) == Array(expected.suffix(4)))
            #expect(latest.hasMore)
            #expect(latest.nextCursor == expected[expected.count - 4])
            var backwards: [String] = latest.data.map(\.id)
            var cursor = latest.nextCursor
            while let before = cursor {
                let page = try #require(
                    try log.readModel.messages(
                        tenant: tenant, conversation: conversation,
                        cursor: .before(UUID(uuidString: before)!), limit: 3))
                backwards = page.data.map(\.id) + backwards
                cursor = page.nextCursor
                #expect(page.hasMore == (cursor != nil))
            }
            #expect(backwards == expected)
            var forwards: [String] = []
            cursor = expected[0]
            forwards.append(expected[0])
            while let after = cursor {
                let page = try #require(
                    try log.readModel.messages(
                        tenant: tenant, conversation: conversation, cursor: .after(UUID(uuidString: after)!),
                        limit: 5))
                forwards += page.data.map(\.id)
                cursor = page.hasMore ? page.nextCursor : nil
            }
            #expect(forwards == expected)
            #expect(throws: ReadModelError.self) {
                try log.readModel.messages(
                    tenant: tenant, conversation: conversation, cursor: .before(UUID()), limit: 5)
            }
            #expect(throws: ReadModelError.invalidParameter(field: "limit", reason: "must be at most 100")) {
                try log.readModel.messages(tenant: tenant, conversation: conversation, limit: 101)
            }
            #expect(try log.readModel.messages(tenant: UUID(), conversation: conversation) == nil)
        }
    }

    @Test func portugueseSearchMatchesInflectedWordsAndSkipsErasedContent() throws {
        try ProjectedLog.with(steps: 400, seed: 5) { (log: ProjectedLog) throws in
            let tenant = log.generator.tenants[0].id
            var expected = 0
            for (recorded, event) in log.events where recorded.tenant == tenant {
                var text: String?
                if case .messageReceived(let m) = event { text = m.personal?.text }
                if case .outboundMessageQueued(let m) = event { text = m.personal?.summary }
                if text?.lowercased().contains("reserva") == true { expected += 1 }
            }
            #expect(expected > 0)
            let result = try log.readModel.searchMessages(tenant: tenant, query: "reservas", limit: 100)
            #expect(result.count == min(100, expected))
            #expect(result.data.allSatisfy { $0.content?.lowercased().contains("reserva") == true })
            #expect(throws: ReadModelError.self) {
                try log.readModel.searchMessages(tenant: tenant, query: "  ")
            }
        }
    }

    @Test func latencyPercentilesEqualValuesComputedFromTheEvents() throws {
        try ProjectedLog.with(steps: 600) { (log: ProjectedLog) throws in
            for fixture in log.generator.tenants {
                let outbound = log.conversations(of: fixture.id).flatMap { $0.messages.values }
                    .filter { $0.direction == .outbound }
                // LatencyStats' definitions: never below zero; provider status times compared
                // at their whole seconds.
                func elapsed(_ earlier: Int64, _ later: Int64) -> Int64 { max(0, later - earlier) }
                func seconds(_ earlier: Int64, _ later: Int64) -> Int64 {
                    elapsed(earlier / 1000 * 1000, later / 1000 * 1000)
                }
                let toSent = outbound.compactMap { m in m.sentAt.map { elapsed(m.createdAt, $0) } }
                let delivery = outbound.compactMap { m in
                    m.deliveredAt.flatMap { d in m.sentAt.map { seconds($0, d) } }
                }
                let read = outbound.compactMap { m in
                    m.readAt.flatMap { r in m.deliveredAt.map { seconds($0, r) } }
                }
                let stats = try log.readModel.latency(tenant: fixture.id)
                #expect(stats.totalMessages == outbound.count)
                #expect(stats.messagesOver5s == toSent.filter { $0 > 5000 }.count)
                #expect(stats.toSent.count == toSent.count)
                #expect(stats.toSent.p50Ms == ProjectedLog.percentile(0.5, toSent))
                #expect(stats.toSent.p95Ms == ProjectedLog.percentile(0.95, toSent))
                #expect(stats.toSent.p99Ms == ProjectedLog.percentile(0.99, toSent))
                #expect(stats.delivery.count == delivery.count)
                #expect(stats.delivery.p50Ms == ProjectedLog.percentile(0.5, delivery))
                #expect(stats.read.count == read.count)
                #expect(stats.read.p95Ms == ProjectedLog.percentile(0.95, read))
                if !toSent.isEmpty {
                    let average = Double(toSent.reduce(0, +)) / Double(toSent.count)
                    #expect(abs((stats.avgLatencyToSentMs ?? -1) - average) < 0.01)
                }
                let agent = fixture.users[1]
                let byAgent = try log.readModel.latency(
                    tenant: fixture.id, filter: MetricsFilter(agentId: agent))
                var sentByAgent = 0
                for (_, event) in log.events {
                    if case .outboundMessageQueued(let m) = event, m.sentById == agent { sentByAgent += 1 }
                }
                #expect(byAgent.totalMessages == sentByAgent)
                let middle = log.generator.now - 3_600_000
                let recent = try log.readModel.latency(
                    tenant: fixture.id, filter: MetricsFilter(from: middle))
                #expect(recent.totalMessages == outbound.filter { $0.createdAt >= middle }.count)
            }
            #expect(throws: ReadModelError.self) {
                try log.readModel.latency(tenant: UUID(), filter: MetricsFilter(from: 10, to: 5))
            }
        }
    }

    @Test func serviceMetricsFollowChatwootDefinitions() throws {
        try ProjectedLog.with(steps: 600) { (log: ProjectedLog) throws in
            for fixture in log.generator.tenants {
                var ratings: [UUID: Int] = [:]
                var firstResponse: [UUID: Int64] = [:]
                var opened: [UUID: Int64] = [:]
                for (recorded, event) in log.events where recorded.tenant == fixture.id {
                    switch event {
                    case .conversationOpened(let o): opened[o.conversationId] = o.at
                    case .conversationRated(let r): ratings[r.conversationId] = r.score
                    case .outboundMessageQueued(let m) where m.sentById != nil:
                        if firstResponse[m.conversationId] == nil, let start = opened[m.conversationId] {
                            firstResponse[m.conversationId] = m.at - start
                        }
                    default: break
                    }
                }
                let metrics = try log.readModel.serviceMetrics(tenant: fixture.id)
                #expect(metrics.csat.ratings == ratings.count)
                #expect(metrics.csat.satisfied == ratings.values.filter { $0 >= 4 }.count)
                if !ratings.isEmpty {
                    let share = Double(ratings.values.filter { $0 >= 4 }.count) * 100 / Double(ratings.count)
                    #expect(abs((metrics.csat.score ?? -1) - share) < 0.001)
                }
                #expect(metrics.firstResponse.count == firstResponse.count)
                #expect(
                    metrics.firstResponse.p50Ms == ProjectedLog.percentile(0.5, Array(firstResponse.values)))
                let closed = log.conversations(of: fixture.id).filter(\.isClosed)
                #expect(metrics.resolution.count == closed.count)
                #expect(
                    metrics.resolution.p95Ms
                        == ProjectedLog.percentile(0.95, closed.map { $0.closedAt! - $0.openedAt }))
                #expect(metrics.replyTime.count > 0)
            }
        }
    }

    @Test func erasedContactShowsErasedEverywhereAfterTheProjectorPasses() throws {
        try ProjectedLog.with(steps: 700, seed: 23) { (log: ProjectedLog) throws in
            let erased = try #require(log.generator.erasedContacts.first)
            let conversation = try #require(
                log.generator.conversations.values.first { $0.contactId == erased })
            let detail = try #require(
                try log.readModel.conversation(tenant: conversation.tenantId, id: conversation.id))
            #expect(detail.contact.name == "[erased]")
            #expect(detail.contact.phoneNumber == "[erased]")
            let page = try #require(
                try log.readModel.messages(
                    tenant: conversation.tenantId, conversation: conversation.id, limit: 100))
            #expect(!page.data.isEmpty)
            #expect(page.data.allSatisfy { $0.content == "[erased]" && $0.metadata == nil })
        }
    }

    @Test func contentAndMetadataSurviveEscapingInBothModes() throws {
        try ProjectedLog.with(steps: 300, seed: 17) { (log: ProjectedLog) throws in
            var checked = 0
            for (recorded, event) in log.events {
                guard case .outboundMessageQueued(let m) = event, case .template(let template)? = m.personal
                else {
                    continue
                }
                let view = try #require(try log.readModel.message(tenant: recorded.tenant, id: m.messageId))
                #expect(view.type == "TEMPLATE")
                #expect(view.content == "Template: " + template.name)
                #expect(
                    view.metadata
                        == .object([
                            "templateName": .string(template.name),
                            "languageCode": .string(template.languageCode),
                            "parameters": .array(template.parameters.map { .string($0) }),
                        ]))
                checked += 1
            }
            for (recorded, event) in log.events {
                guard case .messageReceived(let m) = event, let text = m.personal?.text else { continue }
                let view = try #require(try log.readModel.message(tenant: recorded.tenant, id: m.messageId))
                #expect(view.content == text)
                checked += 1
            }
            #expect(checked > 10)
            try Rebuilder(store: log.store, database: log.test.database).rebuildAll()
            for (recorded, event) in log.events {
                guard case .messageReceived(let m) = event, let text = m.personal?.text else { continue }
                #expect(try log.readModel.message(tenant: recorded.tenant, id: m.messageId)?.content == text)
            }
        }
    }
}
