import Domain
import EventStore
import Foundation
import Projections
import Testing

@Suite(.serialized) struct RebuildTests {
    @Test func queriesKeepAnsweringDuringARebuildWithAppendsAndReadTheNewSchemaAfter() throws {
        try TestDatabase.with { test in
            try StoreFixture.with { store in
                let generator = LogGenerator(store: store, seed: 31)
                try generator.setUp(tenants: 2)
                try generator.run(steps: 400)
                let projector = Projector(store: store, database: test.database)
                projector.start()
                defer { projector.stop() }
                #expect(projector.waitUntil(position: try store.head(), timeout: 30))
                let readModel = ReadModel(database: test.database)
                let tenant = generator.tenants[0].id
                let before = try readModel.activeSchema()
                let running = LockedFlag(true)
                let answered = LockedCounter()
                let failures = LockedCounter()
                let reader = Thread {
                    while running.value {
                        do {
                            _ = try readModel.conversations(
                                tenant: tenant, filter: ConversationFilter(status: "OPEN"))
                            answered.add(1)
                        } catch {
                            failures.add(1)
                        }
                    }
                }
                reader.start()
                // Appends go on during the rebuild; the live projector keeps the old schema
                // current and the rebuild catches up before its switch.
                let appender = Thread { [box = UncheckedBox(generator)] in _ = try? box.value.run(steps: 150)
                }
                appender.start()
                let rebuilder = Rebuilder(store: store, database: test.database, chunk: 200)
                let report = try rebuilder.rebuildAll { _ in Thread.sleep(forTimeInterval: 0.02) }
                while !appender.isFinished { Thread.sleep(forTimeInterval: 0.01) }
                #expect(projector.waitUntil(position: try store.head(), timeout: 30))
                running.set(false)
                while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
                #expect(failures.value == 0)
                #expect(answered.value > 0)
                #expect(report.replacedSchema == before)
                #expect(try readModel.activeSchema() == report.schema)
                let schemas = try test.database.withConnection {
                    try $0.query("SELECT count(*) FROM pg_namespace WHERE nspname = $1", [before]).int64(0, 0)
                }
                #expect(schemas == 0)
                let live = try readModel.digest()
                try rebuilder.rebuildAll()
                #expect(try readModel.digest() == live)
            }
        }
    }

    @Test func interruptedRebuildLeavesTheLiveSchemaUntouched() throws {
        struct Interrupted: Error {}
        try TestDatabase.with { test in
            try StoreFixture.with { store in
                let generator = LogGenerator(store: store, seed: 41)
                try generator.setUp(tenants: 1)
                try generator.run(steps: 200)
                try Projector(store: store, database: test.database).catchUp()
                let readModel = ReadModel(database: test.database)
                let schema = try readModel.activeSchema()
                let digest = try readModel.digest()
                #expect(throws: Interrupted.self) {
                    try Rebuilder(store: store, database: test.database).rebuildAll(
                        interruptAfterLoad: Interrupted())
                }
                #expect(try readModel.activeSchema() == schema)
                #expect(try readModel.digest() == digest)
                let readModelSchemas = try test.database.withConnection {
                    try $0.query("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rm\\_v%'").int64(0, 0)
                }
                #expect(readModelSchemas == 1)
            }
        }
    }

    @Test func tenantRebuildRestoresOneTenantAndLeavesTheOthers() throws {
        try TestDatabase.with { test in
            try StoreFixture.with { store in
                let generator = LogGenerator(store: store, seed: 53)
                try generator.setUp(tenants: 2)
                try generator.run(steps: 300)
                try Projector(store: store, database: test.database).catchUp()
                let readModel = ReadModel(database: test.database)
                let digest = try readModel.digest()
                let damaged = generator.tenants[0].id
                let schema = try readModel.activeSchema()
                try test.database.withConnection { connection in
                    try connection.execute("DELETE FROM \(schema).messages WHERE tenant_id = $1", [damaged])
                    try connection.execute(
                        "UPDATE \(schema).conversations SET unread_count = 999 WHERE tenant_id = $1",
                        [damaged])
                }
                #expect(try readModel.digest() != digest)
                let report = try Rebuilder(store: store, database: test.database).rebuildTenant(damaged)
                #expect(report.eventsApplied > 0)
                #expect(try readModel.digest() == digest)
            }
        }
    }

    @Test func digestChangesWhenOneValueChanges() throws {
        try ProjectedLog.with(steps: 50) { (log: ProjectedLog) throws in
            let digest = try log.readModel.digest()
            let schema = try log.readModel.activeSchema()
            try log.test.database.withConnection { connection in
                try connection.execute(
                    "UPDATE \(schema).conversations SET priority = 'URGENT' WHERE priority <> 'URGENT'")
            }
            #expect(try log.readModel.digest() != digest)
        }
    }
}

final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Bool
    init(_ value: Bool) {
        current = value
    }
    var value: Bool {
        lock.lock()
        defer { lock.unlock() }
        return current
    }
    func set(_ value: Bool) {
        lock.lock()
        current = value
        lock.unlock()
    }
}

/// Hands a non-Sendable value to one other thread that alone uses it meanwhile.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) {
        self.value = value
    }
}
