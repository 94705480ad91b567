import Foundation
import Projections
import Testing

@testable import API

@Suite(.serialized) struct AuthRoutesTests {
    @Test func registerCreatesTenantAndAdminAndReturnsAUsableToken() throws {
        try TestApp.with { app in
            let response = try app.register(slug: "hotel-abc", email: "Admin@Hotel.com")
            #expect(response.status == 201)
            #expect(response.user["email"] as? String == "admin@hotel.com")
            #expect(response.user["role"] as? String == "ADMIN")
            #expect(response.user["name"] as? String == "Admin")
            #expect(response.tenant["slug"] as? String == "hotel-abc")
            #expect(response.tenant["name"] as? String == "Hotel hotel-abc")
            #expect(response.user["tenantId"] as? String == response.tenant["id"] as? String)
            #expect(UUID(uuidString: response.user["id"] as? String ?? "") != nil)
            #expect(Int(response.header("X-Log-Position") ?? "") == 2)
            let token = try #require(response.token)
            let me = try app.client.send(
                "GET", "/auth/me",
                headers: ["Authorization": "Bearer \(token)", "X-Tenant-Slug": "hotel-abc"])
            #expect(me.status == 200)
            #expect(me.user["id"] as? String == response.user["id"] as? String)
            #expect(me.tenant["slug"] as? String == "hotel-abc")
        }
    }

    @Test func takenSlugOrEmailIs409AndAppendsNothing() throws {
        try TestApp.with { app in
            try app.register(slug: "hotel-abc", email: "a@hotel.com")
            let sameSlug = try app.register(slug: "hotel-abc", email: "b@hotel.com")
            #expect(sameSlug.status == 409)
            #expect(sameSlug.errorCode == "ERR_TENANT_SLUG_TAKEN")
            let sameEmail = try app.register(slug: "hotel-xyz", email: "A@hotel.com")
            #expect(sameEmail.status == 409)
            #expect(sameEmail.errorCode == "ERR_EMAIL_TAKEN")
            #expect(try app.app.services.store.head() == 2)
            // The refused registrations left neither the slug nor the e-mail behind.
            #expect(try app.app.services.tenant(forSlug: "hotel-xyz") == nil)
            let login = try app.client.sendJSON(
                "POST", "/auth/login", json: #"{"email":"b@hotel.com","password":"senha123"}"#)
            #expect(login.status == 401)
        }
    }

    @Test func registerValidatesItsFields() throws {
        try TestApp.with { app in
            let short = try app.register(slug: "hotel-abc", email: "a@hotel.com", password: "123")
            #expect(short.status == 400)
            #expect(short.errorField == "password")
            let missing = try app.client.sendJSON("POST", "/auth/register", json: #"{"tenantName": "x"}"#)
            #expect(missing.status == 400)
            #expect(missing.errorField == "tenantSlug")
            let badEmail = try app.register(slug: "hotel-abc", email: "not-an-email")
            #expect(badEmail.status == 400)
            #expect(badEmail.errorField == "email")
            let badSlug = try app.register(slug: "Hotel ABC!", email: "a@hotel.com")
            #expect(badSlug.status == 400)
            #expect(badSlug.errorField == "tenantSlug")
        }
    }

    @Test func loginChecksThePasswordAndIsRateLimited() throws {
        try TestApp.with { app in
            try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let good = try app.client.sendJSON(
                "POST", "/auth/login", json: #"{"email":"ADMIN@hotel.com","password":"senha123"}"#)
            #expect(good.status == 200)
            #expect(good.token != nil)
            #expect(good.tenant["slug"] as? String == "hotel-abc")
            let unknown = try app.client.sendJSON(
                "POST", "/auth/login", json: #"{"email":"nobody@hotel.com","password":"senha123"}"#)
            #expect(unknown.status == 401)
            var statuses: [Int] = []
            for _ in 0..<6 {
                statuses.append(
                    try app.client.sendJSON(
                        "POST", "/auth/login",
                        json: #"{"email":"admin@hotel.com","password":"wrong-password"}"#
                    ).status)
            }
            // Five attempts per window; the successful login above reset the count.
            #expect(statuses == [401, 401, 401, 401, 401, 429])
            let limited = try app.client.sendJSON(
                "POST", "/auth/login", json: #"{"email":"admin@hotel.com","password":"senha123"}"#)
            #expect(limited.status == 429)
            #expect(Int(limited.header("Retry-After") ?? "") ?? 0 > 0)
        }
    }

    @Test func lockoutHoldsForEverySpellingOfTheAddress() throws {
        try TestApp.with { app in
            try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            // "andré" composed (U+00E9) at registration.
            try app.register(slug: "hotel-xyz", email: #"andr\u00e9@hotel.com"#)
            for email in ["admin@hotel.com", #"andr\u00e9@hotel.com"#] {
                for _ in 0..<5 {
                    let wrong = try app.client.sendJSON(
                        "POST", "/auth/login", json: #"{"email":"\#(email)","password":"wrong-password"}"#)
                    #expect(wrong.status == 401)
                }
            }
            // The right password under another spelling of a locked-out address is still refused.
            let spellings = [
                " ADMIN@hotel.com ", #"admin@hotel.com\t"#, #"\nAdmin@Hotel.COM"#,
                #"andre\u0301@hotel.com"#, #" ANDR\u00c9@HOTEL.com\t"#, #"ANDRE\u0301@hotel.com"#,
            ]
            for email in spellings {
                let locked = try app.client.sendJSON(
                    "POST", "/auth/login", json: #"{"email":"\#(email)","password":"senha123"}"#)
                #expect(locked.status == 429, "\(email)")
                #expect(locked.errorCode == "ERR_RATE_LIMITED", "\(email)")
            }
        }
    }

    @Test func addressRegisteredDecomposedLogsInComposedAndIsTakenInEitherForm() throws {
        try TestApp.with { app in
            // "andré" as e + U+0301 at registration; stored and answered composed (NFC).
            let registered = try app.register(slug: "hotel-abc", email: #" Andre\u0301@Hotel.com "#)
            #expect(registered.status == 201)
            let stored = registered.user["email"] as? String ?? ""
            #expect(Array(stored.utf8) == Array("andr\u{E9}@hotel.com".utf8))
            for email in [#"andr\u00e9@hotel.com"#, #"ANDR\u00c9@HOTEL.COM\t"#, #"andre\u0301@hotel.com"#] {
                let login = try app.client.sendJSON(
                    "POST", "/auth/login", json: #"{"email":"\#(email)","password":"senha123"}"#)
                #expect(login.status == 200, "\(email)")
                #expect(login.user["id"] as? String == registered.user["id"] as? String)
            }
            let bearer = ["Authorization": "Bearer \(registered.token!)"]
            let again = try app.client.sendJSON(
                "POST", "/auth/users",
                json: #"{"name":"Twin","email":"ANDR\u00c9@hotel.com","password":"twin-pass"}"#,
                headers: bearer)
            #expect(again.status == 409)
            #expect(again.errorCode == "ERR_EMAIL_TAKEN")
            let otherTenant = try app.register(slug: "hotel-xyz", email: #"andr\u00e9@hotel.com\t"#)
            #expect(otherTenant.status == 409)
            #expect(otherTenant.errorCode == "ERR_EMAIL_TAKEN")
        }
    }

    @Test func adminCreatesUsersWhoCanLogInUntilDeactivated() throws {
        try TestApp.with { app in
            let admin = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let bearer = ["Authorization": "Bearer \(admin.token!)"]
            let created = try app.client.sendJSON(
                "POST", "/auth/users",
                json: #"{"name":"Maria","email":"maria@hotel.com","password":"maria-pass","role":"AGENT"}"#,
                headers: bearer)
            #expect(created.status == 201)
            #expect(created.object["role"] as? String == "AGENT")
            #expect(created.object["isActive"] as? Bool == true)
            let mariaId = try #require(created.object["id"] as? String)
            let login = try app.client.sendJSON(
                "POST", "/auth/login", json: #"{"email":"maria@hotel.com","password":"maria-pass"}"#)
            #expect(login.status == 200)
            let mariaBearer = ["Authorization": "Bearer \(login.token!)"]
            let forbidden = try app.client.sendJSON(
                "POST", "/auth/users", json: #"{"name":"X","email":"x@hotel.com","password":"xxxxxxxx"}"#,
                headers: mariaBearer)
            #expect(forbidden.status == 403)

            let toggled = try app.client.send("PUT", "/auth/users/\(mariaId)/toggle-status", headers: bearer)
            #expect(toggled.status == 200)
            #expect(toggled.object["isActive"] as? Bool == false)
            let refused = try app.client.sendJSON(
                "POST", "/auth/login", json: #"{"email":"maria@hotel.com","password":"maria-pass"}"#)
            #expect(refused.status == 403)
            #expect(refused.errorCode == "ERR_USER_INACTIVE")
            let staleToken = try app.client.send("GET", "/auth/me", headers: mariaBearer)
            #expect(staleToken.status == 401)
            let again = try app.client.send("PUT", "/auth/users/\(mariaId)/toggle-status", headers: bearer)
            #expect(again.object["isActive"] as? Bool == true)
        }
    }

    @Test func eachRefusedTokenNamesItsOwnReason() throws {
        try TestApp.with { app in
            let first = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let second = try app.register(slug: "hotel-xyz", email: "admin@xyz.com")
            let admin = try #require(first.user["id"] as? String)
            let tenant = try #require(first.tenant["id"] as? String)
            let otherAdmin = try #require(second.user["id"] as? String)
            let otherTenant = try #require(second.tenant["id"] as? String)
            let signer = app.app.services.signer
            func bearer(sub: String, tid: String, role: String = "ADMIN") throws -> [String: String] {
                let now = Timestamp.nowMilliseconds() / 1000
                let token = try signer.sign(
                    JWTClaims(sub: sub, tid: tid, role: role, iat: now, exp: now + 600))
                return ["Authorization": "Bearer \(token)"]
            }
            let created = try app.client.sendJSON(
                "POST", "/auth/users",
                json: #"{"name":"Maria","email":"maria@hotel.com","password":"maria-pass","role":"AGENT"}"#,
                headers: try bearer(sub: admin, tid: tenant))
            let maria = try #require(created.object["id"] as? String)
            let toggled = try app.client.send(
                "PUT", "/auth/users/\(maria)/toggle-status", headers: try bearer(sub: admin, tid: tenant))
            #expect(toggled.object["isActive"] as? Bool == false)

            // Signed with the right key, each naming a user the log refuses for another reason.
            let refused: [(headers: [String: String], code: String, message: String)] = [
                (
                    try bearer(sub: admin, tid: otherTenant), "ERR_TENANT_MISMATCH",
                    "The token's user does not belong to the token's tenant"
                ),
                (
                    try bearer(sub: otherAdmin, tid: tenant), "ERR_TENANT_MISMATCH",
                    "The token's user does not belong to the token's tenant"
                ),
                (
                    try bearer(sub: admin, tid: UUID().uuidString.lowercased()), "ERR_TENANT_MISMATCH",
                    "The token's user does not belong to the token's tenant"
                ),
                (
                    try bearer(sub: UUID().uuidString.lowercased(), tid: tenant), "ERR_UNKNOWN_USER",
                    "The token's user does not exist"
                ),
                (
                    try bearer(sub: maria, tid: tenant, role: "AGENT"), "ERR_USER_INACTIVE",
                    "This user is deactivated"
                ),
            ]
            for (headers, code, message) in refused {
                for path in ["/auth/me", "/api/tags", "/api/conversations"] {
                    let response = try app.client.send("GET", path, headers: headers)
                    #expect(response.status == 401, "\(path) \(code)")
                    #expect(response.errorCode == code, "\(path)")
                    #expect(response.object["message"] as? String == message, "\(path)")
                }
            }
            let allowed = try app.client.send("GET", "/auth/me", headers: try bearer(sub: admin, tid: tenant))
            #expect(allowed.status == 200)
        }
    }

    @Test func adminCannotDeactivateThemselvesNorTouchAnotherTenant() throws {
        try TestApp.with { app in
            let first = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let second = try app.register(slug: "hotel-xyz", email: "admin@xyz.com")
            let bearer = ["Authorization": "Bearer \(first.token!)"]
            let selfId = first.user["id"] as! String
            let own = try app.client.send("PUT", "/auth/users/\(selfId)/toggle-status", headers: bearer)
            #expect(own.status == 422)
            let otherId = second.user["id"] as! String
            let other = try app.client.send("PUT", "/auth/users/\(otherId)/toggle-status", headers: bearer)
            #expect(other.status == 404)
            let wrongSlug = try app.client.send(
                "GET", "/auth/me",
                headers: ["Authorization": "Bearer \(first.token!)", "X-Tenant-Slug": "hotel-xyz"])
            #expect(wrongSlug.status == 403)
        }
    }

    @Test func changePasswordRequiresTheCurrentOne() throws {
        try TestApp.with { app in
            let admin = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let bearer = ["Authorization": "Bearer \(admin.token!)"]
            let wrong = try app.client.sendJSON(
                "PUT", "/auth/change-password",
                json: #"{"currentPassword":"nope-nope","newPassword":"new-password"}"#,
                headers: bearer)
            #expect(wrong.status == 401)
            let changed = try app.client.sendJSON(
                "PUT", "/auth/change-password",
                json: #"{"currentPassword":"senha123","newPassword":"new-password"}"#,
                headers: bearer)
            #expect(changed.status == 204)
            #expect(changed.header("X-Log-Position") == "3")
            let old = try app.client.sendJSON(
                "POST", "/auth/login", json: #"{"email":"admin@hotel.com","password":"senha123"}"#)
            #expect(old.status == 401)
            let new = try app.client.sendJSON(
                "POST", "/auth/login", json: #"{"email":"admin@hotel.com","password":"new-password"}"#)
            #expect(new.status == 200)
        }
    }
}

@Suite(.serialized) struct ReadYourWritesTests {
    @Test func createdUserIsListedAtItsLogPosition() throws {
        try TestApp.with { app in
            let admin = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let bearer = ["Authorization": "Bearer \(admin.token!)"]
            let created = try app.client.sendJSON(
                "POST", "/auth/users",
                json: #"{"name":"Maria","email":"maria@hotel.com","password":"maria-pass"}"#,
                headers: bearer)
            let position = try #require(created.header("X-Log-Position"))
            let listed = try app.client.send(
                "GET", "/auth/users", headers: bearer.merging(["X-Min-Position": position]) { $1 })
            #expect(listed.status == 200)
            let users = listed.object["data"] as? [[String: Any]] ?? []
            #expect(
                Set(users.compactMap { $0["email"] as? String }) == ["admin@hotel.com", "maria@hotel.com"])
            let maria = users.first { $0["email"] as? String == "maria@hotel.com" }
            #expect(maria?["role"] as? String == "AGENT")
            #expect(maria?["isActive"] as? Bool == true)
        }
    }

    @Test func positionBeyondTheLogIs503AfterTheBoundedWait() throws {
        try TestApp.with { app in
            let admin = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            let headers = ["Authorization": "Bearer \(admin.token!)", "X-Min-Position": "999999"]
            let response = try app.client.send("GET", "/auth/users", headers: headers)
            #expect(response.status == 503)
            #expect(response.errorCode == "ERR_PROJECTION_LAGGING")
            let malformed = try app.client.send(
                "GET", "/auth/users",
                headers: ["Authorization": "Bearer \(admin.token!)", "X-Min-Position": "soon"])
            #expect(malformed.status == 400)
            #expect(malformed.errorField == "X-Min-Position")
        }
    }
}

@Suite(.serialized) struct OperationsRoutesTests {
    @Test func readyReportsLogDatabaseAndProjection() throws {
        try TestApp.with { app in
            let registered = try app.register(slug: "hotel-abc", email: "admin@hotel.com")
            #expect(registered.status == 201)
            let ready = try app.client.send("GET", "/ready")
            #expect(ready.status == 200)
            #expect(ready.object["status"] as? String == "ready")
            #expect((ready.object["log"] as? [String: Any])?["head"] as? Int == 2)
            #expect((ready.object["projection"] as? [String: Any])?["position"] as? Int == 2)
            let metrics = try app.client.send("GET", "/metrics").text
            #expect(metrics.contains("eventstore_head_position 2\n"))
            #expect(metrics.contains("projection_lag_events 0\n"))
            #expect(
                metrics.contains(#"http_requests_total{method="POST",route="/auth/register",status="201"} 1"#)
            )
            let openapi = try app.client.send("GET", "/openapi.json")
            let paths = openapi.object["paths"] as? [String: [String: Any]] ?? [:]
            #expect(paths["/api/conversations/{id}/messages"]?["get"] != nil)
            #expect(paths["/webhooks/whatsapp"]?.keys.sorted() == ["get", "post"])
            #expect(paths["/api/events"]?["get"] != nil)
        }
    }
}
