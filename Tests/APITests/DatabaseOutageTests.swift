import Foundation
import Projections
import Testing

@testable import API

@Suite struct DatabaseOutageTests {
    @Test func readsAre503WhilePostgresIsUnreachableAndAuthStillWorks() throws {
        let (store, path) = try TemporaryStore.open()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // A socket directory with no server behind it: every checkout fails to connect.
        let unreachable = try Database(
            url:
                "postgresql:///none?host=/tmp/chatledger-no-server-\(UUID().uuidString.prefix(8))&user=postgres",
            maxConnections: 2, checkoutTimeout: 1)
        let metrics = MetricsRegistry()
        let services = AppServices(
            store: store, pipeline: CommandPipeline(store: store, projection: nil, projectionTimeout: 0.1),
            readModel: ReadModel(database: unreachable),
            signer: JWTSigner(secret: Array("outage-test-secret-outage-test-0".utf8)), hasher: .minimum,
            loginLimiter: LoginRateLimiter(), secretBox: try SecretBox(key: [UInt8](repeating: 7, count: 32)),
            metrics: metrics, logger: Logger(minimumLevel: .error), phoneIndexKey: [1, 2, 3])
        let app = try ChatLedgerApp(
            services: services, projector: nil,
            server: HTTPServerConfiguration(port: 0, loopbackOnly: true))
        defer { app.stop() }
        let client = TestHTTPClient(port: app.server.port)
        let registered = try client.sendJSON(
            "POST", "/auth/register",
            json:
                #"{"tenantName":"H","tenantSlug":"h-1","userName":"A","email":"a@h.com","password":"senha123"}"#
        )
        #expect(registered.status == 201)
        let token = try #require(registered.token)
        let login = try client.sendJSON(
            "POST", "/auth/login", json: #"{"email":"a@h.com","password":"senha123"}"#)
        #expect(login.status == 200)
        let users = try client.send("GET", "/auth/users", headers: ["Authorization": "Bearer \(token)"])
        #expect(users.status == 503)
        #expect(users.errorCode == "ERR_UNAVAILABLE")
        #expect(users.object["message"] is String)
        let ready = try client.send("GET", "/ready")
        #expect(ready.status == 503)
        #expect((ready.object["database"] as? [String: Any])?["status"] as? String == "unavailable")
    }
}
