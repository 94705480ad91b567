import Foundation
import Projections

/// A database of its own for one test, created from `DATABASE_URL` and dropped afterwards.
struct TestDatabase {
    let name: String
    let url: String
    let database: Database

    static var baseURL: String {
        ProcessInfo.processInfo.environment["DATABASE_URL"]
            ?? "postgresql:///chatledger?host=/tmp&user=postgres"
    }

    /// Runs `body` against a fresh, migrated database and drops it afterwards.
    static func with<T>(migrated: Bool = true, _ body: (TestDatabase) throws -> T) throws -> T {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        let admin = try Database(url: baseURL, maxConnections: 1)
        try admin.withConnection { try $0.execute("CREATE DATABASE \(name)") }
        let url = try DatabaseURL.replacingDatabase(in: baseURL, with: String(name))
        let test = TestDatabase(
            name: String(name), url: url, database: try Database(url: url, maxConnections: 8))
        defer {
            test.database.closeIdle()
            _ = try? admin.withConnection { try $0.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
        if migrated { try Migrator(database: test.database).migrate() }
        return try body(test)
    }
}
