import EventStore
import Foundation
import Projections
import Testing

@Suite(.serialized) struct OutageTests {
    @Test func projectorRetriesWhilePostgresIsDownAndCatchesUp() throws {
        let cluster = try OutageCluster()
        defer { cluster.destroy() }
        let database = try Database(url: cluster.url, maxConnections: 4, checkoutTimeout: 2)
        try Migrator(database: database).migrate()
        try StoreFixture.with { store in
            let generator = LogGenerator(store: store, seed: 61)
            try generator.setUp(tenants: 2)
            try generator.run(steps: 100)
            let projector = Projector(store: store, database: database, batchLimit: 64)
            projector.start()
            defer { projector.stop() }
            #expect(projector.waitUntil(position: try store.head(), timeout: 30))
            try cluster.stop()
            let outageStarted = Date()
            // Appends keep working while the read side is down.
            while Date().timeIntervalSince(outageStarted) < 10 {
                try generator.run(steps: 20)
                Thread.sleep(forTimeInterval: 0.5)
            }
            let head = try store.head()
            #expect(projector.position < head)
            #expect(projector.lastError != nil)
            #expect(throws: DatabaseError.self) {
                try ReadModel(database: database).conversations(
                    tenant: generator.tenants[0].id, filter: ConversationFilter())
            }
            do {
                _ = try ReadModel(database: database).conversations(
                    tenant: generator.tenants[0].id, filter: ConversationFilter())
            } catch let error as DatabaseError {
                #expect(error.isUnavailable)
            }
            try cluster.start()
            #expect(projector.waitUntil(position: head, timeout: 60))
            let readModel = ReadModel(database: database)
            let incremental = try readModel.digest()
            try Rebuilder(store: store, database: database).rebuildAll()
            #expect(try readModel.digest() == incremental)
        }
        database.closeIdle()
    }
}
