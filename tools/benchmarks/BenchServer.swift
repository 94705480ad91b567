import API
import Foundation
import Projections

/// The application under test in the bench process: a fresh database created from
/// `DATABASE_URL`, a temp data directory, fsync durability, a free loopback port, the
/// production configuration otherwise. Also registers a tenant and its Meta channel.
final class BenchServer {
    let app: ChatLedgerApp
    let port: UInt16
    let dataDirectory: String
    private let admin: Database
    private let databaseName: String
    /// A set-up connection (not used while timing).
    private let client: LoopbackConnection

    static let appSecret = "bench-app-secret-0123456789abcdef"
    static let phoneNumberId = "100200300400500"

    init(label: String) throws {
        let baseURL = try BenchDatabase.baseURL()
        let name = "chatledger_bench_\(label)"
        databaseName = name
        admin = try Database(url: baseURL, maxConnections: 1)
        try admin.withConnection { connection in
            try connection.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            try connection.execute("CREATE DATABASE \(name)")
        }
        dataDirectory = try BenchSupport.temporaryDirectory(label)
        let configuration = AppConfiguration(
            databaseURL: try DatabaseURL.replacingDatabase(in: baseURL, with: databaseName),
            dataDirectory: dataDirectory, port: 0)
        app = try ChatLedgerApp(
            configuration: configuration, environment: [:], logger: Logger(minimumLevel: .error),
            durability: .fsync, loopbackOnly: true)
        port = app.server.port
        client = try LoopbackConnection(port: port)
    }

    /// Stops the app, drops the database and removes the data directory.
    func stop() {
        client.close()
        app.stop()
        _ = try? admin.withConnection {
            try $0.execute("DROP DATABASE IF EXISTS \(databaseName) WITH (FORCE)")
        }
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }

    /// Sends one request on the set-up connection; throws unless the status is 2xx.
    @discardableResult
    func call(
        _ method: String, _ path: String, token: String? = nil, json: [String: Any]? = nil,
        minPosition: String? = nil, raw: [UInt8]? = nil
    ) throws -> LoopbackConnection.Reply {
        var headers: [(String, String)] = []
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if let minPosition { headers.append(("X-Min-Position", minPosition)) }
        var body: [UInt8] = []
        if let json {
            headers.append(("Content-Type", "application/json"))
            body = Array(try JSONSerialization.data(withJSONObject: json))
        }
        let reply = try client.roundTrip(
            raw ?? LoopbackConnection.request(method, path, headers: headers, body: body))
        guard (200..<300).contains(reply.status) else {
            throw BenchServerError.unexpected(
                "\(method) \(path) → \(reply.status) \(String(decoding: reply.body, as: UTF8.self))")
        }
        return reply
    }

    /// Registers a tenant (its admin's Bearer token and the tenant id) and connects its Meta
    /// channel with `appSecret` under `phoneNumberId`.
    func registerTenantWithMetaChannel() throws -> (token: String, tenantId: String) {
        BenchSupport.progress("registering a tenant on port \(port)")
        let reply = try call(
            "POST", "/auth/register",
            json: [
                "tenantName": "Bench Hotel", "tenantSlug": "bench-hotel", "userName": "Bench Admin",
                "email": "admin@bench.example", "password": "Bench-Password-2026!",
            ])
        guard let session = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
            let token = session["token"] as? String,
            let tenant = session["tenant"] as? [String: Any], let tenantId = tenant["id"] as? String
        else {
            throw BenchServerError.unexpected(
                "register answered \(String(decoding: reply.body, as: UTF8.self))")
        }
        BenchSupport.progress("configuring the Meta channel")
        try call(
            "PUT", "/api/channels/whatsapp", token: token,
            json: [
                "provider": "meta", "phoneNumberId": Self.phoneNumberId, "displayPhoneNumber": "15550001111",
                "appSecret": Self.appSecret, "verifyToken": "bench-verify", "accessToken": "bench-access",
            ])
        return (token, tenantId)
    }
}

enum BenchServerError: Error {
    case unexpected(String)
}
