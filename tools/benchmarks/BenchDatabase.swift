import Foundation
import Projections

/// A database of the bench's own, created from `DATABASE_URL` and dropped afterwards.
enum BenchDatabase {
    static func baseURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"] else {
            throw DatabaseError.invalidURL(
                "DATABASE_URL is not set (tools/pg start; export DATABASE_URL=$(tools/pg url))")
        }
        return url
    }

    static func with(baseURL: String, name: String, _ body: (Database) throws -> Void) throws {
        let admin = try Database(url: baseURL, maxConnections: 1)
        try admin.withConnection { connection in
            try connection.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            try connection.execute("CREATE DATABASE \(name)")
        }
        let database = try Database(
            url: try DatabaseURL.replacingDatabase(in: baseURL, with: name), maxConnections: 4)
        defer {
            database.closeIdle()
            _ = try? admin.withConnection { try $0.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
        try body(database)
    }
}
