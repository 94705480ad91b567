import Foundation
import Projections
import Testing

@Suite(.serialized) struct DatabaseTests {
    @Test func parametersTravelAsTextAndNullStaysNull() throws {
        try TestDatabase.with(migrated: false) { test in
            let row = try test.database.withConnection { connection in
                try connection.query(
                    "SELECT $1::text AS a, $2::int AS b, $3::text AS c, $4::uuid AS d",
                    [
                        "it's; DROP TABLE x", 42, String?.none,
                        UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!,
                    ])
            }
            #expect(row.string(0, "a") == "it's; DROP TABLE x")
            #expect(try row.int64(0, "b") == 42)
            #expect(row.string(0, "c") == nil)
            #expect(row.string(0, "d") == "00000000-0000-0000-0000-00000000000a")
        }
    }

    @Test func serverErrorsCarrySQLState() throws {
        try TestDatabase.with(migrated: false) { test in
            #expect(throws: DatabaseError.self) {
                try test.database.withConnection { try $0.execute("SELECT * FROM no_such_table") }
            }
            do {
                try test.database.withConnection { try $0.execute("SELECT 1/0") }
                Issue.record("division by zero did not throw")
            } catch let error as DatabaseError {
                guard case .server(let state, _) = error else {
                    Issue.record("expected a server error, got \(error)")
                    return
                }
                #expect(state == "22012")
                #expect(!error.isUnavailable)
            }
        }
    }

    @Test func unreachableServerIsUnavailable() throws {
        let database = try Database(
            url: "postgresql:///x?host=/nonexistent-socket-dir&port=1", maxConnections: 1)
        do {
            try database.withConnection { try $0.execute("SELECT 1") }
            Issue.record("connecting to nowhere succeeded")
        } catch let error as DatabaseError {
            #expect(error.isUnavailable)
        }
    }

    @Test func malformedURLIsRefused() {
        #expect(throws: DatabaseError.invalidURL("mysql://x")) { try Database(url: "mysql://x") }
    }

    @Test func transactionRollsBackOnThrow() throws {
        struct Boom: Error {}
        try TestDatabase.with(migrated: false) { test in
            try test.database.withConnection { try $0.execute("CREATE TABLE t (v int)") }
            #expect(throws: Boom.self) {
                try test.database.transaction { connection in
                    try connection.execute("INSERT INTO t VALUES (1)")
                    throw Boom()
                }
            }
            try test.database.transaction { try $0.execute("INSERT INTO t VALUES (2)") }
            let rows = try test.database.withConnection { try $0.query("SELECT v FROM t") }
            #expect(rows.count == 1)
            #expect(try rows.int64(0, 0) == 2)
        }
    }

    @Test func copyEscapesSpecialCharactersAndNulls() throws {
        try TestDatabase.with(migrated: false) { test in
            let values: [String?] = [
                "tab\there", "line\nbreak", "back\\slash", "cr\rx", nil, "\\N", "ação 🎉",
            ]
            try test.database.withConnection { connection in
                try connection.execute("CREATE TABLE t (i int, v text)")
                let copied = try connection.copyIn("COPY t (i, v) FROM STDIN") { writer in
                    for (index, value) in values.enumerated() { try writer.row([String(index), value]) }
                }
                #expect(copied == values.count)
                let rows = try connection.query("SELECT v FROM t ORDER BY i")
                #expect((0..<rows.count).map { rows.string($0, 0) } == values)
            }
        }
    }

    @Test func poolServesManyThreadsWithFewConnections() throws {
        try TestDatabase.with(migrated: false) { test in
            let pool = try Database(url: test.url, maxConnections: 3, checkoutTimeout: 10)
            let sum = LockedCounter()
            DispatchQueue.concurrentPerform(iterations: 24) { i in
                let value = try? pool.withConnection { try $0.query("SELECT $1::int + 1", [i]).int64(0, 0) }
                sum.add(Int(value ?? 0))
            }
            #expect(sum.value == (0..<24).reduce(0, +) + 24)
            pool.closeIdle()
        }
    }

    @Test func poolCheckoutTimesOutWhenExhausted() throws {
        try TestDatabase.with(migrated: false) { test in
            let pool = try Database(url: test.url, maxConnections: 1, checkoutTimeout: 0.2)
            try pool.withConnection { _ in
                #expect(throws: DatabaseError.poolTimeout(seconds: 0.2)) {
                    try pool.withConnection { try $0.execute("SELECT 1") }
                }
            }
            pool.closeIdle()
        }
    }

    @Test func migrationsAreRecordedOnceAndActivateASchema() throws {
        try TestDatabase.with(migrated: false) { test in
            let first = try Migrator(database: test.database).migrate()
            let second = try Migrator(database: test.database).migrate()
            #expect(first == [1])
            #expect(second.isEmpty)
            let schema = try ReadModel(database: test.database).activeSchema()
            #expect(schema.hasPrefix(ReadModelSchema.prefix))
        }
    }

    @Test func concurrentMigratorsDoNotRace() throws {
        try TestDatabase.with(migrated: false) { test in
            let applied = LockedCounter()
            DispatchQueue.concurrentPerform(iterations: 3) { _ in
                let versions = (try? Migrator(database: test.database).migrate()) ?? [-100]
                applied.add(versions.count)
            }
            #expect(applied.value == 1)
        }
    }
}

final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    func add(_ n: Int) {
        lock.lock()
        total += n
        lock.unlock()
    }
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return total
    }
}
