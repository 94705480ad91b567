import Foundation
import Projections

@testable import API

/// The whole application against a real LMDB log in a temporary directory and a fresh
/// PostgreSQL database from `DATABASE_URL`; both removed afterwards.
struct TestApp {
    let app: ChatLedgerApp
    let client: TestHTTPClient
    let dataDirectory: String

    static var baseURL: String {
        ProcessInfo.processInfo.environment["DATABASE_URL"]
            ?? "postgresql:///chatledger?host=/tmp&user=postgres"
    }

    static func with<T>(dispatch: Bool = true, _ body: (TestApp) throws -> T) throws -> T {
        let name = "api_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        let admin = try Database(url: baseURL, maxConnections: 1)
        try admin.withConnection { _ = try $0.execute("CREATE DATABASE \(name)") }
        let directory = NSTemporaryDirectory() + "chatledger-app-" + UUID().uuidString
        defer {
            try? FileManager.default.removeItem(atPath: directory)
            _ = try? admin.withConnection { try $0.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
        var configuration = AppConfiguration(
            databaseURL: try DatabaseURL.replacingDatabase(in: baseURL, with: String(name)),
            dataDirectory: directory,
            port: 0)
        configuration.eventStreamKeepAliveSeconds = 0.3
        let app = try ChatLedgerApp(
            configuration: configuration, environment: [:], logger: Logger(minimumLevel: .error),
            hasher: .minimum,
            durability: .noSync, loopbackOnly: true, dispatch: dispatch)
        defer {
            app.stop()
            app.services.readModel?.database.closeIdle()
        }
        return try body(
            TestApp(app: app, client: TestHTTPClient(port: app.server.port), dataDirectory: directory))
    }

    /// Registers a tenant and returns its session JSON.
    @discardableResult
    func register(slug: String, email: String, password: String = "senha123") throws -> TestResponse {
        try client.sendJSON(
            "POST", "/auth/register",
            json: """
                {"tenantName": "Hotel \(slug)", "tenantSlug": "\(slug)", "userName": "Admin",
                 "email": "\(email)", "password": "\(password)"}
                """)
    }
}

extension TestResponse {
    var token: String? { object["token"] as? String }
    var user: [String: Any] { object["user"] as? [String: Any] ?? [:] }
    var tenant: [String: Any] { object["tenant"] as? [String: Any] ?? [:] }
}
