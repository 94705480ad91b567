import Domain
import EventStore
import Foundation
import Projections
import Testing

@Suite(.serialized) struct ProjectorTests {
    @Test func incrementalProjectionWithRandomBatchesAndRestartsEqualsFullRebuild() throws {
        try TestDatabase.with { test in
            try StoreFixture.with { store in
                let generator = LogGenerator(store: store, seed: 7)
                try generator.setUp(tenants: 3)
                var random = SeededRandom(seed: 99)
                for _ in 0..<6 {
                    try generator.run(steps: 150)
                    let projector = Projector(
                        store: store, database: test.database, batchLimit: Int(random.next() % 97) + 1)
                    projector.start()
                    let head = try store.head()
                    #expect(
                        projector.waitUntil(
                            position: head / 2 + UInt64(random.next() % (head / 2 + 1)), timeout: 30))
                    projector.stop()
                }
                try Projector(store: store, database: test.database, batchLimit: 50).catchUp()
                let readModel = ReadModel(database: test.database)
                let incremental = try readModel.digest()
                #expect(!generator.erasedContacts.isEmpty)
                let before = try readModel.activeSchema()
                let report = try Rebuilder(store: store, database: test.database, chunk: 333).rebuildAll()
                #expect(report.replacedSchema == before)
                #expect(try readModel.activeSchema() == report.schema)
                #expect(report.eventsApplied == Int(try store.head()))
                #expect(try readModel.digest() == incremental)
            }
        }
    }

    @Test func projectorWakesOnAppendAndServesReadYourWrites() throws {
        try TestDatabase.with { test in
            try StoreFixture.with { store in
                let projector = Projector(store: store, database: test.database)
                projector.start()
                defer { projector.stop() }
                let generator = LogGenerator(store: store, seed: 3)
                try generator.setUp(tenants: 1)
                try generator.run(steps: 20)
                let head = try store.head()
                let started = Date()
                #expect(projector.waitUntil(position: head, timeout: 10))
                #expect(Date().timeIntervalSince(started) < 5)
                let tenant = generator.tenants[0].id
                let page = try ReadModel(database: test.database).conversations(
                    tenant: tenant, filter: ConversationFilter(limit: 100))
                let opened = generator.conversations.values.filter { $0.tenantId == tenant }.count
                #expect(page.pagination.total == opened)
            }
        }
    }
}
