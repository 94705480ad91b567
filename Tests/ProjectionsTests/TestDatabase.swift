import Foundation
import Projections

/// A database of its own for one test, created from `DATABASE_URL` and dropped afterwards.
struct TestDatabase {
    let name: String
    let url: String
    let database: Database

    /// `DATABASE_URL`, else the URL of this checkout's private cluster (`tools/pg url`).
    static var baseURL: String {
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"] { return url }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let process = Process()
        process.executableURL = root.appendingPathComponent("tools/pg")
        process.arguments = ["url"]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return "" }
        process.waitUntilExit()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
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
