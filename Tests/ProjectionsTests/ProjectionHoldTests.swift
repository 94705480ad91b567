import Domain
import EventStore
import Foundation
import Projections
import Testing

@Suite(.serialized) struct ProjectionHoldTests {
    /// PostgreSQL refuses every message row of one tenant (a constraint stands in for any
    /// statement that fails on one event): the other tenants are projected to the head, the
    /// refused tenant is held at its first refused event, and once PostgreSQL accepts it again
    /// the hold is lifted by rebuilding that tenant, ending where a full rebuild ends.
    @Test func aRefusedEventHoldsOnlyItsTenantUntilItCanBeApplied() throws {
        try TestDatabase.with { test in
            try StoreFixture.with { store in
                let generator = LogGenerator(store: store, seed: 11)
                try generator.setUp(tenants: 3)
                try Projector(store: store, database: test.database).catchUp()
                let readModel = ReadModel(database: test.database)
                let schema = try readModel.activeSchema()
                let poisoned = generator.tenants[1].id
                try test.database.withConnection {
                    try $0.execute(
                        """
                        ALTER TABLE \(schema).messages ADD CONSTRAINT refuse_one_tenant
                        CHECK (tenant_id <> '\(poisoned.uuidString.lowercased())')
                        """)
                }
                let firstAfter = try store.head() + 1
                try generator.run(steps: 400)
                let refused = try store.read(from: firstAfter, limit: 100_000).first {
                    $0.tenant == poisoned && $0.type.hasPrefix("MessageReceived")
                        || $0.tenant == poisoned && $0.type.hasPrefix("OutboundMessageQueued")
                }
                let expectedPosition = try #require(refused).position

                let reported = HoldLog()
                let projector = Projector(
                    store: store, database: test.database, batchLimit: 64, holdRetrySeconds: 0.3
                ) { reported.append($0) }
                projector.start()
                defer { projector.stop() }
                let head = try store.head()
                #expect(projector.waitUntil(position: head, timeout: 60))
                let holds = projector.holds
                #expect(holds.map(\.tenant) == [poisoned])
                #expect(holds.first?.position == expectedPosition)
                #expect(holds.first?.error.contains("refuse_one_tenant") == true)
                #expect(reported.values.first?.tenant == poisoned)
                // The other tenants are whole.
                for fixture in generator.tenants where fixture.id != poisoned {
                    let page = try readModel.conversations(
                        tenant: fixture.id, filter: ConversationFilter(limit: 1))
                    let opened = generator.conversations.values.filter { $0.tenantId == fixture.id }.count
                    #expect(page.pagination.total == opened)
                }

                try test.database.withConnection {
                    try $0.execute("ALTER TABLE \(schema).messages DROP CONSTRAINT refuse_one_tenant")
                }
                let deadline = Date().addingTimeInterval(30)
                while !projector.holds.isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
                #expect(projector.holds.isEmpty)
                #expect(projector.waitUntil(position: try store.head(), timeout: 30))
                projector.stop()
                let incremental = try readModel.digest()
                try Rebuilder(store: store, database: test.database).rebuildAll()
                #expect(try readModel.digest() == incremental)
            }
        }
    }
}

/// Holds reported by the projector's callback, read by the test thread.
private final class HoldLog: @unchecked Sendable {  // `held` is only touched under `lock`
    private let lock = NSLock()
    private var held: [ProjectionHold] = []

    func append(_ hold: ProjectionHold) { lock.withLock { held.append(hold) } }

    var values: [ProjectionHold] { lock.withLock { held } }
}
