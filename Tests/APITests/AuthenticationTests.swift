import Foundation
import Projections
import Testing

@testable import API

@Suite struct AuthenticationTests {
    let signer = JWTSigner(secret: Array("a-test-secret-of-32-bytes-length".utf8))
    let tenant = UUID()
    let user = UUID()

    func router() -> Router {
        let tenant = self.tenant
        let auth = BearerAuthentication(signer: signer, tenantForSlug: { $0 == "hotel-abc" ? tenant : nil })
        var router = Router()
        router.add("GET", "/api/whoami", middleware: [auth]) { request in
            Response.json(.object(["user": .string(request.authenticatedUser.userId.uuidString)]))
        }
        router.add("GET", "/api/admin", middleware: [auth, RequireRole.admin]) { _ in Response.text("admin") }
        return router
    }

    func token(role: String, expiresIn: Int64 = 3600) throws -> String {
        let now = Timestamp.nowMilliseconds() / 1000
        return try signer.sign(
            JWTClaims(
                sub: user.uuidString, tid: tenant.uuidString, role: role, iat: now, exp: now + expiresIn))
    }

    @Test func missingTokenIs401() throws {
        let (server, client) = try TestServer.start(router())
        defer { server.stop() }
        let response = try client.send("GET", "/api/whoami")
        #expect(response.status == 401)
        #expect(response.errorCode == "ERR_UNAUTHORIZED")
    }

    @Test func validTokenReachesTheResponderAsItsUser() throws {
        let (server, client) = try TestServer.start(router())
        defer { server.stop() }
        let response = try client.send(
            "GET", "/api/whoami", headers: ["Authorization": "Bearer \(try token(role: "AGENT"))"])
        #expect(response.status == 200)
        #expect(response.object["user"] as? String == user.uuidString)
    }

    @Test func expiredTokenIs401() throws {
        let (server, client) = try TestServer.start(router())
        defer { server.stop() }
        let response = try client.send(
            "GET", "/api/whoami",
            headers: ["Authorization": "Bearer \(try token(role: "AGENT", expiresIn: -1))"])
        #expect(response.status == 401)
        #expect(response.object["message"] as? String == "Token expired")
    }

    @Test func tamperedAndAlgNoneTokensAre401() throws {
        let (server, client) = try TestServer.start(router())
        defer { server.stop() }
        let parts = try token(role: "AGENT").split(separator: ".").map(String.init)
        // The payload claims ADMIN, the signature is still the AGENT token's.
        let now = Timestamp.nowMilliseconds() / 1000
        let forged = Base64URL.encode(
            try JSONCoding.encode(
                JWTClaims(
                    sub: user.uuidString, tid: tenant.uuidString, role: "ADMIN", iat: now, exp: now + 3600)))
        let unsigned = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + parts[1] + "."
        for bad in [parts[0] + "." + forged + "." + parts[2], unsigned] {
            let response = try client.send("GET", "/api/admin", headers: ["Authorization": "Bearer \(bad)"])
            #expect(response.status == 401)
            #expect(response.errorCode == "ERR_UNAUTHORIZED")
        }
    }

    @Test func tenantSlugMustMatchTheToken() throws {
        let (server, client) = try TestServer.start(router())
        defer { server.stop() }
        let bearer = "Bearer \(try token(role: "AGENT"))"
        let matching = try client.send(
            "GET", "/api/whoami", headers: ["Authorization": bearer, "X-Tenant-Slug": "hotel-abc"])
        #expect(matching.status == 200)
        let other = try client.send(
            "GET", "/api/whoami", headers: ["Authorization": bearer, "X-Tenant-Slug": "other"])
        #expect(other.status == 403)
        #expect(other.errorCode == "ERR_FORBIDDEN")
    }

    @Test func adminRoutesRefuseOtherRoles() throws {
        let (server, client) = try TestServer.start(router())
        defer { server.stop() }
        let agent = try client.send(
            "GET", "/api/admin", headers: ["Authorization": "Bearer \(try token(role: "AGENT"))"])
        #expect(agent.status == 403)
        let admin = try client.send(
            "GET", "/api/admin", headers: ["Authorization": "Bearer \(try token(role: "ADMIN"))"])
        #expect(admin.status == 200)
    }
}
