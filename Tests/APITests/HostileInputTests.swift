import Domain
import Foundation
import Projections
import Testing

@testable import API

/// Expects the standard error body `{"error","message","details"}` with `status` (and `field`
/// in `details` when given).
private func expectError(
    _ response: TestResponse, _ status: Int, field: String? = nil, _ context: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == status, "\(context): \(response.text)", sourceLocation: sourceLocation)
    #expect(
        response.errorCode?.hasPrefix("ERR_") == true, "\(context): \(response.text)",
        sourceLocation: sourceLocation)
    #expect(response.object["message"] is String, "\(context)", sourceLocation: sourceLocation)
    #expect(response.object["details"] is [String: Any], "\(context)", sourceLocation: sourceLocation)
    if let field {
        #expect(response.errorField == field, "\(context): \(response.text)", sourceLocation: sourceLocation)
    }
}

/// The server still answers, and still serves the API, after what was thrown at it.
private func expectStillServing(
    _ app: TestApp, _ bearer: [String: String], sourceLocation: SourceLocation = #_sourceLocation
)
    throws
{
    #expect(try app.client.send("GET", "/health").status == 200, sourceLocation: sourceLocation)
    #expect(
        try app.client.send("GET", "/api/conversations", headers: bearer).status == 200,
        sourceLocation: sourceLocation)
}

/// A tenant with a Meta channel, one inbound conversation, a department and a tag; and a
/// second tenant with the same kinds of things.
private struct TwoTenants {
    struct Tenant {
        let bearer: [String: String]
        let userId: String
        let departmentId: String
        let tagId: String
    }
    let a: Tenant
    let b: Tenant
    let conversationId: String
    let messageId: String
    let contactId: String

    static let secret = "app-secret-hotel-a"

    static func make(_ app: TestApp) throws -> TwoTenants {
        let bearerA = try app.metaTenant(slug: "hotel-a", phoneNumberId: "PNID-A")
        let bearerB = try app.metaTenant(slug: "hotel-b", phoneNumberId: "PNID-B")
        let delivered = try app.postMeta(
            MetaWebhookBody.message(
                phoneNumberId: "PNID-A", from: "5511999990001", name: "Joana Reserva",
                wamid: "wamid.HOSTILE-1",
                text: "Quero fazer uma reserva"), secret: secret)
        try #require(delivered.status == 200, "\(delivered.text)")
        let position = try #require(delivered.header("X-Log-Position"))
        let list = try app.client.send(
            "GET", "/api/conversations", headers: bearerA.merging(["X-Min-Position": position]) { $1 })
        let conversation = try #require((list.object["data"] as? [[String: Any]])?.first)
        let conversationId = try #require(conversation["id"] as? String)
        let messages = try app.client.send(
            "GET", "/api/conversations/\(conversationId)/messages", headers: bearerA)
        let messageId = try #require((messages.object["data"] as? [[String: Any]])?.first?["id"] as? String)
        return TwoTenants(
            a: try tenant(app, bearerA), b: try tenant(app, bearerB), conversationId: conversationId,
            messageId: messageId, contactId: try #require(conversation["contactId"] as? String))
    }

    private static func tenant(_ app: TestApp, _ bearer: [String: String]) throws -> Tenant {
        let me = try app.client.send("GET", "/auth/me", headers: bearer)
        let department = try app.client.sendJSON(
            "POST", "/api/departments",
            json:
                ##"{"name": "Recepção", "color": "#3B82F6", "maxConcurrentPerAgent": 5, "expectedResponseMinutes": 10}"##,
            headers: bearer)
        let tag = try app.client.sendJSON(
            "POST", "/api/tags", json: ##"{"name": "VIP", "color": "#FF0000"}"##, headers: bearer)
        return Tenant(
            bearer: bearer, userId: try #require(me.user["id"] as? String),
            departmentId: try #require(department.object["id"] as? String, "\(department.text)"),
            tagId: try #require(tag.object["id"] as? String, "\(tag.text)"))
    }
}

@Suite(.serialized) struct HostileInputTests {
    /// Routes with a JSON body, each with the bearer it needs (nil: none).
    private static func bodyRoutes(_ fixture: TwoTenants) -> [(String, String, [String: String])] {
        let conversation = "/api/conversations/\(fixture.conversationId)"
        return [
            ("POST", "/auth/register", [:]), ("POST", "/auth/login", [:]),
            ("PUT", "/auth/change-password", fixture.a.bearer), ("POST", "/auth/users", fixture.a.bearer),
            ("POST", "/api/conversations", fixture.a.bearer), ("PATCH", conversation, fixture.a.bearer),
            ("POST", conversation + "/assign", fixture.a.bearer),
            ("POST", conversation + "/transfer", fixture.a.bearer),
            ("POST", conversation + "/rating", fixture.a.bearer), ("POST", "/api/messages", fixture.a.bearer),
            ("POST", "/api/messages/template", fixture.a.bearer),
            ("POST", "/api/messages/buttons", fixture.a.bearer),
            ("POST", "/api/messages/list", fixture.a.bearer),
            ("POST", "/api/departments", fixture.a.bearer), ("POST", "/api/tags", fixture.a.bearer),
            ("PUT", "/api/channels/whatsapp", fixture.a.bearer),
        ]
    }

    @Test func malformedAndDeeplyNestedBodiesAre400OnEveryBodyRoute() throws {
        try TestApp.with(dispatch: false) { app in
            let fixture = try TwoTenants.make(app)
            let store = app.app.services.store
            let head = try store.head()
            let bodies: [(String, [UInt8])] = [
                ("100 000 [", Array(repeating: UInt8(ascii: "["), count: 100_000)),
                ("100 000 {\"a\":", Array(String(repeating: #"{"a":"#, count: 100_000).utf8)),
                (
                    "closed nesting 100 000 deep",
                    Array(repeating: UInt8(ascii: "["), count: 100_000)
                        + Array(repeating: UInt8(ascii: "]"), count: 100_000)
                ),
                ("truncated", Array(#"{"name": "x", "#.utf8)), ("trailing garbage", Array("{}x".utf8)),
                ("NaN", Array(#"{"score": NaN}"#.utf8)), ("single quotes", Array("{'a': 1}".utf8)),
                ("comment", Array("{} // x".utf8)), ("lone brace", Array("}".utf8)),
            ]
            for (method, path, bearer) in Self.bodyRoutes(fixture) {
                for (name, body) in bodies {
                    let response = try app.client.send(
                        method, path, headers: bearer.merging(["Content-Type": "application/json"]) { $1 },
                        body: body)
                    expectError(response, 400, field: "body", "\(method) \(path) \(name)")
                }
                // Valid JSON of the wrong shape names the body too.
                for shape in ["null", "[]", #""text""#, "42"] {
                    let response = try app.client.sendJSON(method, path, json: shape, headers: bearer)
                    expectError(response, 400, field: "body", "\(method) \(path) \(shape)")
                }
            }
            // The webhooks refuse them as well, signed or not, and append nothing.
            for (name, body) in bodies {
                let signed = try app.postMeta(body, secret: TwoTenants.secret)
                if name.hasPrefix("closed") && signed.status == 200 {
                    // Valid JSON that names no channel: acknowledged, nothing appended (checked below).
                    #expect(signed.text == "EVENT_RECEIVED")
                } else {
                    expectError(signed, 400, "signed \(name)")
                }
                let unsigned = try app.client.send("POST", "/webhooks/whatsapp", body: body)
                #expect([400, 401].contains(unsigned.status), "unsigned \(name)")
                expectError(unsigned, unsigned.status, "unsigned \(name)")
            }
            #expect(try store.head() == head)
            try expectStillServing(app, fixture.a.bearer)
        }
    }

    @Test func invalidUTF8BodiesAre400NamingTheBody() throws {
        try TestApp.with(dispatch: false) { app in
            let fixture = try TwoTenants.make(app)
            let store = app.app.services.store
            let head = try store.head()
            let sequences: [(String, [UInt8])] = [
                ("bad continuation", [0xC3, 0x28]), ("overlong slash", [0xC0, 0xAF]),
                ("encoded surrogate", [0xED, 0xA0, 0x80]), ("0xFF", [0xFF]),
                ("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
                ("truncated at the end", [0xE2, 0x82]),
            ]
            for (name, bytes) in sequences {
                let content =
                    Array(#"{"conversationId":"\#(fixture.conversationId)","content":"Olá "#.utf8) + bytes
                let message = try app.client.send(
                    "POST", "/api/messages",
                    headers: fixture.a.bearer.merging(["Content-Type": "application/json"]) { $1 },
                    body: content + (name == "truncated at the end" ? [] : Array(#""}"#.utf8)))
                expectError(message, 400, field: "body", "message \(name)")
                let register = try app.client.send(
                    "POST", "/auth/register", headers: ["Content-Type": "application/json"],
                    body: Array(#"{"tenantName":"Hotel "#.utf8) + bytes
                        + Array(
                            #"","tenantSlug":"hotel-x","userName":"A","email":"a@x.com","password":"senha12345"}"#
                                .utf8))
                expectError(register, 400, field: "body", "register \(name)")
                // A correctly signed webhook that is not UTF-8 is not valid JSON: refused, not kept.
                let webhook = MetaWebhookBody.message(
                    phoneNumberId: "PNID-A", from: "5511999990002", name: "X", wamid: "wamid.BAD-UTF8",
                    text: "@@")
                let marker = try #require(webhook.firstRange(of: Array("@@".utf8)))
                var invalid = webhook
                invalid.replaceSubrange(marker, with: bytes)
                expectError(try app.postMeta(invalid, secret: TwoTenants.secret), 400, "webhook \(name)")
            }
            #expect(try store.head() == head)
            try expectStillServing(app, fixture.a.bearer)
        }
    }

    /// SPEC §6: invalid UTF-8 is a 400 naming the field, in a query string too (it used to be
    /// replaced by U+FFFD silently, and the search ran on the replaced text).
    @Test func invalidUTF8InAQueryStringIs400NamingTheParameter() throws {
        try TestApp.with(dispatch: false) { app in
            let fixture = try TwoTenants.make(app)
            let paths = [
                ("/api/conversations?search=%C3%28", "search"),
                ("/api/conversations?search=%FF%FE", "search"),
                ("/api/messages/search?query=reserva%C0%AF", "query"),
                ("/api/conversations?tag=%ED%A0%80", "tag"),
            ]
            for (path, field) in paths {
                let response = try app.client.send("GET", path, headers: fixture.a.bearer)
                #expect(response.status == 400 && response.errorField == field, "\(path): \(response.text)")
            }
            // Raw bytes that are not UTF-8 in the request line: refused or treated as text, never a failure.
            let raw = try app.client.exchange(
                Array("GET /api/conversations?search=".utf8) + [0xFF, 0xC3]
                    + Array(" HTTP/1.1\r\nHost: x\r\n".utf8)
                    + Array(
                        "Authorization: \(fixture.a.bearer["Authorization"]!)\r\nConnection: close\r\n\r\n"
                            .utf8))
            #expect([200, 400].contains(raw.status))
            #expect(raw.data.isEmpty)
            try expectStillServing(app, fixture.a.bearer)
        }
    }

    @Test func oversizedBodiesAre413OnTheRealRoutesAndWebhooksGetTheirLargerLimit() throws {
        try TestApp.with(dispatch: false) { app in
            let fixture = try TwoTenants.make(app)
            let store = app.app.services.store
            let head = try store.head()
            let bearer = "Authorization: \(fixture.a.bearer["Authorization"]!)\r\n"
            for (path, limit, headers) in [
                ("/api/messages", 1 << 20, bearer), ("/auth/login", 1 << 20, ""),
                ("/auth/register", 1 << 20, ""),
                ("/webhooks/whatsapp", 3 << 20, "X-Hub-Signature-256: sha256=00\r\n"),
                ("/webhook/any-instance", 3 << 20, "apikey: x\r\n"),
            ] {
                // Announced: refused from the headers, before any body byte is read.
                let announced = try app.client.exchange(
                    Array(
                        "POST \(path) HTTP/1.1\r\nHost: x\r\n\(headers)Content-Type: application/json\r\nContent-Length: \(limit + 1)\r\nConnection: close\r\n\r\n"
                            .utf8))
                expectError(announced, 413, "announced \(path)")
                #expect(announced.errorCode == "ERR_PAYLOAD_TOO_LARGE")
                // Chunked: refused once the received body passes the limit.
                var chunked = Array(
                    "POST \(path) HTTP/1.1\r\nHost: x\r\n\(headers)Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        .utf8)
                // Exactly the limit, then 16 bytes more: the refusal comes once the body is all sent.
                let chunk = [UInt8](repeating: 0x20, count: 512 * 1024)
                for piece in Array(repeating: chunk, count: limit / chunk.count) + [Array(chunk.prefix(16))] {
                    chunked +=
                        Array((String(piece.count, radix: 16) + "\r\n").utf8) + piece + Array("\r\n".utf8)
                }
                chunked += Array("0\r\n\r\n".utf8)
                expectError(try app.client.exchange(chunked), 413, "chunked \(path)")
            }
            // 1.5 MiB is too much for an API body but a signed webhook of that size is accepted.
            let padding = [UInt8](repeating: 0x20, count: 3 << 19)
            let big = try app.postMeta(
                padding
                    + MetaWebhookBody.message(
                        phoneNumberId: "PNID-A", from: "5511999990003", name: "Grande", wamid: "wamid.BIG",
                        text: "Oi"),
                secret: TwoTenants.secret)
            #expect(big.status == 200, "\(big.text)")
            #expect(try store.head() > head)
            try expectStillServing(app, fixture.a.bearer)
        }
    }

    @Test func forgedAndMalformedTokensAre401OnEveryKindOfRoute() throws {
        try TestApp.with(dispatch: false) { app in
            let fixture = try TwoTenants.make(app)
            let real = try #require(fixture.a.bearer["Authorization"]?.dropFirst("Bearer ".count)).split(
                separator: ".", omittingEmptySubsequences: false
            ).map(String.init)
            let now = Timestamp.nowMilliseconds() / 1000
            let claims = try #require(Base64URL.decode(Substring(real[1])))
            let admin = JWTClaims(
                sub: fixture.a.userId,
                tid: try #require(try app.app.services.tenant(forSlug: "hotel-a")).uuidString,
                role: "ADMIN", iat: now, exp: now + 3600)
            let otherKey = try JWTSigner(secret: Array("a-guessed-secret-a-guessed-secret".utf8)).sign(admin)
            func header(_ json: String) -> String { Base64URL.encode(Array(json.utf8)) }
            let forgeries: [(String, String)] = [
                ("another key", otherKey),
                ("alg none", header(#"{"alg":"none","typ":"JWT"}"#) + "." + real[1] + "."),
                ("alg None", header(#"{"alg":"None"}"#) + "." + real[1] + "."),
                (
                    "alg NONE with signature",
                    header(#"{"alg":"NONE","typ":"JWT"}"#) + "." + real[1] + "." + real[2]
                ),
                ("alg HS512", header(#"{"alg":"HS512","typ":"JWT"}"#) + "." + real[1] + "." + real[2]),
                ("alg RS256", header(#"{"alg":"RS256","typ":"JWT"}"#) + "." + real[1] + "." + real[2]),
                ("signature stripped", real[0] + "." + real[1] + "."),
                (
                    "signature of another token",
                    real[0] + "." + real[1] + "." + otherKey.split(separator: ".")[2]
                ),
                ("claims re-encoded with padding", real[0] + "." + Base64URL.encode(claims) + "=." + real[2]),
                ("garbage", "garbage"), ("dots", "..."), ("four parts", real.joined(separator: ".") + ".x"),
                ("not base64", "!!.??.**"), ("8 KB", String(repeating: "a", count: 8_192)),
                ("non-ASCII", "é.é.é"), ("trailing junk", real.joined(separator: ".") + " junk"),
            ]
            let routes = [
                ("GET", "/auth/me"), ("GET", "/api/conversations"),
                ("GET", "/api/conversations/\(fixture.conversationId)"),
                ("PATCH", "/api/conversations/\(fixture.conversationId)"), ("GET", "/api/audit/verify"),
                ("GET", "/api/events"), ("POST", "/api/messages"), ("GET", "/auth/users"),
            ]
            for (name, token) in forgeries {
                for (method, path) in routes {
                    let response = try app.client.sendJSON(
                        method, path, json: #"{"priority":"LOW"}"#,
                        headers: ["Authorization": "Bearer \(token)"])
                    expectError(response, 401, "\(name) on \(method) \(path)")
                }
            }
            for scheme in [
                "Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer ", "Token \(real.joined(separator: "."))", "",
            ] {
                let response = try app.client.send("GET", "/auth/me", headers: ["Authorization": scheme])
                expectError(response, 401, "Authorization: \(scheme.prefix(12))")
            }
            try expectStillServing(app, fixture.a.bearer)
        }
    }

    @Test func anotherTenantsIdsAreNotFoundOnEveryRemainingResourceRoute() throws {
        try TestApp.with(dispatch: false) { app in
            let fixture = try TwoTenants.make(app)
            let store = app.app.services.store
            let head = try store.head()
            let conversation = "/api/conversations/\(fixture.conversationId)"
            let a = fixture.a
            let b = fixture.b
            let now = Timestamp.format(milliseconds: Timestamp.nowMilliseconds())
            let theirs: [(TwoTenants.Tenant, String, String, String?)] = [
                (b, "POST", conversation + "/assign", #"{"userId":"\#(b.userId)"}"#),
                (b, "POST", conversation + "/reopen", nil),
                (b, "POST", conversation + "/rating", #"{"score":5,"comment":"x"}"#),
                (b, "GET", "/api/audit/conversations/\(fixture.conversationId)?asOf=\(now)", nil),
                (
                    b, "POST", "/api/messages",
                    #"{"conversationId":"\#(fixture.conversationId)","content":"Oi"}"#
                ),
                (
                    b, "POST", "/api/messages/template",
                    #"{"conversationId":"\#(fixture.conversationId)","templateName":"boas_vindas"}"#
                ),
                (
                    b, "POST", "/api/messages/buttons",
                    #"{"conversationId":"\#(fixture.conversationId)","bodyText":"Confirma?","buttons":[{"id":"s","title":"Sim"}]}"#
                ),
                (
                    b, "POST", "/api/messages/list",
                    #"{"conversationId":"\#(fixture.conversationId)","bodyText":"Escolha","buttonText":"Ver","sections":[{"rows":[{"id":"r","title":"Um"}]}]}"#
                ),
                (b, "POST", "/api/messages/\(fixture.messageId)/read", nil),
                // The other way round: tenant A naming tenant B's agent, department and tag.
                (
                    a, "POST", conversation + "/transfer",
                    #"{"toDepartmentId":"\#(b.departmentId)","reason":"x"}"#
                ),
                (a, "PATCH", conversation, #"{"assignedToId":"\#(b.userId)"}"#),
                (
                    a, "POST", "/api/conversations",
                    #"{"phoneNumber":"5511999990009","departmentId":"\#(b.departmentId)"}"#
                ),
            ]
            for (tenant, method, path, json) in theirs {
                let response =
                    try json.map { try app.client.sendJSON(method, path, json: $0, headers: tenant.bearer) }
                    ?? app.client.send(method, path, headers: tenant.bearer)
                expectError(response, 404, "\(method) \(path) \(json ?? "")")
                #expect(!response.text.contains("Joana"), "\(path) leaks the contact")
            }
            // A foreign tag in a body is answered exactly like a tag that does not exist.
            let foreignTag = try app.client.sendJSON(
                "PATCH", conversation, json: #"{"tagIds":["\#(b.tagId)"]}"#, headers: a.bearer)
            let unknownTag = try app.client.sendJSON(
                "PATCH", conversation, json: #"{"tagIds":["\#(UUID().uuidString)"]}"#, headers: a.bearer)
            expectError(foreignTag, unknownTag.status, "foreign tag")
            #expect([400, 404].contains(foreignTag.status))
            #expect(foreignTag.errorCode == unknownTag.errorCode)
            #expect(foreignTag.errorField == unknownTag.errorField)
            #expect(try store.head() == head, "a refused request appended events")
            // Filters naming another tenant's ids find nothing; search scoped to a foreign
            // conversation finds nothing.
            for path in [
                "/api/conversations?assignedToId=\(a.userId)",
                "/api/conversations?departmentId=\(a.departmentId)",
                "/api/conversations?tag=\(a.tagId)",
                "/api/messages/search?query=reserva&conversationId=\(fixture.conversationId)",
            ] {
                let response = try app.client.send("GET", path, headers: b.bearer)
                #expect([200, 404].contains(response.status), "\(path)")
                #expect(response.data.isEmpty, "\(path): \(response.text)")
                #expect(!response.text.contains("Joana"), "\(path) leaks the contact")
            }
            // Tenant A's conversation is as it was.
            let mine = try app.client.send("GET", conversation, headers: a.bearer)
            #expect(mine.object["status"] as? String == "OPEN")
            #expect(mine.object["assignedToId"] is NSNull)
            #expect(mine.object["unreadCount"] as? Int == 1)
            #expect((mine.object["tags"] as? [Any])?.isEmpty == true)
            try expectStillServing(app, a.bearer)
        }
    }

    @Test func paginationExtremesAre400NamingTheParameterOrAnEmptyPage() throws {
        try TestApp.with(dispatch: false) { app in
            let fixture = try TwoTenants.make(app)
            let messages = "/api/conversations/\(fixture.conversationId)/messages"
            var cases: [(String, String)] = []
            for value in [
                "0", "-1", "1000000000000000000000000000000", "abc", "1.5", "", "%205", "0x10", "1e2",
                "%D9%A3",
            ] {
                cases += [
                    ("/api/conversations?limit=\(value)", "limit"), ("\(messages)?limit=\(value)", "limit"),
                    ("/api/messages/search?query=x&limit=\(value)", "limit"),
                    ("/api/audit/events?limit=\(value)", "limit"),
                ]
            }
            for value in [
                "0", "-1", "1000001", "1000000000000000000000000000000", "abc", "9223372036854775808",
            ] {
                cases.append(("/api/conversations?page=\(value)", "page"))
            }
            for value in ["0", "-1", "99999999999999999999999", "x"] {
                cases += [
                    ("/api/audit/events?from=\(value)", "from"), ("/api/audit/events?to=\(value)", "to"),
                ]
            }
            cases += [
                ("\(messages)?before=\(UUID().uuidString)", "before"),
                ("\(messages)?after=%27%20OR%201=1", "after"),
                ("/api/audit/conversations/\(fixture.conversationId)?asOf=99999999999999999999999", "asOf"),
                ("/api/stats/latency?to=-5", "to"),
            ]
            for (path, field) in cases {
                expectError(
                    try app.client.send("GET", path, headers: fixture.a.bearer), 400, field: field, path)
            }
            // Far past the end: an empty page, not an error.
            let far = try app.client.send(
                "GET", "/api/conversations?page=1000000&limit=100", headers: fixture.a.bearer)
            #expect(far.status == 200)
            #expect(far.data.isEmpty)
            #expect(far.pagination["total"] == 1)
            let oldest = try app.client.send(
                "GET", "\(messages)?before=\(fixture.messageId)&limit=100", headers: fixture.a.bearer)
            #expect(oldest.status == 200)
            #expect(oldest.data.isEmpty)
            #expect(oldest.object["hasMore"] as? Bool == false)
            let late = try app.client.send(
                "GET", "/api/audit/events?from=9223372036854775807", headers: fixture.a.bearer)
            #expect(late.status == 200)
            #expect(late.body.isEmpty)
            try expectStillServing(app, fixture.a.bearer)
        }
    }

    @Test func sqlLookingValuesAreStoredAndSearchedAsText() throws {
        try TestApp.with(dispatch: false) { app in
            let fixture = try TwoTenants.make(app)
            let bearer = fixture.a.bearer
            // The customer's name and first message arrive by a signed webhook, the reply by the API.
            let name = #"Robert'); DROP TABLE contacts;-- 100% _x_"#
            let inbound = try app.postMeta(
                MetaWebhookBody.message(
                    phoneNumberId: "PNID-A", from: "5511999990042", name: name, wamid: "wamid.SQL-1",
                    text: "1'; UPDATE conversations SET status='CLOSED'; --"), secret: TwoTenants.secret)
            #expect(inbound.status == 200, "\(inbound.text)")
            let found = try app.client.send(
                "GET", "/api/conversations?search=5511999990042",
                headers: bearer.merging(["X-Min-Position": try #require(inbound.header("X-Log-Position"))]) {
                    $1
                })
            let id = try #require(found.data.first?["id"] as? String)
            let content = #"'; DELETE FROM messages WHERE '1'='1'; -- reserva $1 \x00"#
            let sent = try app.client.sendJSON(
                "POST", "/api/messages",
                json:
                    #"{"conversationId":"\#(id)","content":"'; DELETE FROM messages WHERE '1'='1'; -- reserva $1 \\x00"}"#,
                headers: bearer)
            #expect(sent.status == 201, "\(sent.text)")
            let position = try #require(sent.header("X-Log-Position"))
            let tag = try app.client.sendJSON(
                "POST", "/api/tags", json: ##"{"name": "x' OR '1'='1", "color": "#00FF00"}"##, headers: bearer
            )
            #expect(tag.status == 201, "\(tag.text)")
            let read = bearer.merging(["X-Min-Position": position]) { $1 }

            func total(_ query: String) throws -> Int? {
                try app.client.send("GET", "/api/conversations?\(query)", headers: read).pagination["total"]
            }
            #expect(try total("") == 2)
            #expect(try total("search=%27%20OR%201%3D1--") == 0)
            #expect(try total("search=%27%20OR%20%271%27%3D%271") == 0)
            expectError(
                try app.client.send(
                    "GET", "/api/conversations?status=OPEN%27%20OR%20%271%27%3D%271", headers: read), 400,
                field: "status")
            // LIKE's wildcards are plain characters: `%` and `_` match only names that hold them.
            #expect(try total("search=%25") == 1)
            #expect(try total("search=_x_") == 1)
            #expect(try total("search=%25%25") == 0)
            #expect(try total("search=__") == 0)
            #expect(try total("search=DROP%20TABLE%20contacts") == 1)
            #expect(try total("tag=x%27%20OR%20%271%27%3D%271") == 0)
            let detail = try app.client.send("GET", "/api/conversations/\(id)", headers: read)
            #expect((detail.object["contact"] as? [String: Any])?["name"] as? String == name)
            let listed = try app.client.send("GET", "/api/conversations/\(id)/messages", headers: read)
            #expect(
                listed.data.compactMap { $0["content"] as? String }
                    == ["1'; UPDATE conversations SET status='CLOSED'; --", content])
            #expect(detail.object["status"] as? String == "OPEN")
            // Full-text search takes operators and quotes as words.
            for query in [
                "DELETE%20FROM%20messages", "reserva%20%26%20%7C%20!%20(", "%27%3B%20DELETE", "%241",
            ] {
                let search = try app.client.send("GET", "/api/messages/search?query=\(query)", headers: read)
                #expect(search.status == 200, "\(query): \(search.text)")
            }
            let matched = try app.client.send(
                "GET", "/api/messages/search?query=DELETE%20FROM%20messages", headers: read)
            #expect(matched.object["count"] as? Int == 1)
            // A slug is looked up, never interpolated.
            let slug = try app.client.send(
                "GET", "/api/conversations", headers: bearer.merging(["X-Tenant-Slug": "' OR 1=1--"]) { $1 })
            expectError(slug, 403)
            let verify = try app.client.send(
                "GET",
                "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=%27%20OR%201%3D1--&hub.challenge=1&tenant=%27%20OR%201%3D1--"
            )
            expectError(verify, 403)
            // Everything is still there.
            #expect(try total("") == 2)
            #expect(
                try app.client.send(
                    "GET", "/api/conversations/\(fixture.conversationId)/messages", headers: read
                ).data
                    .count == 1)
        }
    }

    @Test func pathTraversalAndEncodedSeparatorsStayInsideTheRouteTable() throws {
        try TestApp.with(dispatch: false) { app in
            let fixture = try TwoTenants.make(app)
            for path in [
                "/api/../health", "/api/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                "/api/%2e%2e/%2e%2e/etc/passwd",
                "/api/conversations/..%2f..%2fhealth", "/api/conversations/%2e%2e%2f%2e%2e%2fauth%2fme",
                "/webhooks/../api/conversations", "/..%5c..%5cetc%5cpasswd",
                "/api/conversations/%c0%ae%c0%ae/x",
                "http://evil.example/api/conversations", "*",
            ] {
                let response = try app.client.send("GET", path, headers: fixture.a.bearer)
                expectError(response, 404, path)
                #expect(!response.text.contains("root:"), "\(path)")
            }
            // Dot segments as an id are a bad id, not a way out.
            for path in [
                "/api/conversations/%2e%2e", "/api/conversations/.", "/api/conversations/%2e%2e/messages",
            ] {
                expectError(
                    try app.client.send("GET", path, headers: fixture.a.bearer), 400, field: "id", path)
            }
            // However a path is spelled, the routes behind it still want their token.
            for path in [
                "/api%2fconversations", "//api//conversations", "/api/conversations/", "/api/./conversations",
            ] {
                let anonymous = try app.client.send("GET", path)
                #expect([401, 404].contains(anonymous.status), "\(path)")
                expectError(anonymous, anonymous.status, path)
            }
            try expectStillServing(app, fixture.a.bearer)
        }
    }

    @Test func headerInjectionNeverReachesTheResponse() throws {
        try TestApp.with(dispatch: false) { app in
            let fixture = try TwoTenants.make(app)
            let auth = "Authorization: \(fixture.a.bearer["Authorization"]!)\r\n"
            func request(_ header: String) throws -> TestResponse {
                try app.client.exchange(
                    Array(
                        "GET /api/conversations HTTP/1.1\r\nHost: x\r\n\(auth)\(header)Connection: close\r\n\r\n"
                            .utf8))
            }
            // CR LF ends the header: the second line is a header of its own, never echoed.
            let split = try request("X-Request-Id: abc\r\nX-Injected: yes\r\n")
            #expect(split.status == 200)
            #expect(split.header("X-Request-Id") == "abc")
            for (name, header) in [
                ("bare CR", "X-Request-Id: abc\rX-Injected: yes\r\n"),
                ("encoded CR LF", "X-Request-Id: abc%0d%0aX-Injected:%20yes\r\n"),
                ("folded", "X-Request-Id: abc\r\n X-Injected: folded\r\n"),
                ("129 characters", "X-Request-Id: \(String(repeating: "a", count: 129))\r\n"),
                ("non-ASCII", "X-Request-Id: caf\u{e9}\r\n"),
                ("two ids", "X-Request-Id: one\r\nX-Request-Id: two\r\n"),
            ] {
                let response = try request(header)
                #expect([200, 400].contains(response.status), "\(name)")
                #expect(response.header("X-Injected") == nil, "\(name)")
                let id = try #require(response.header("X-Request-Id"), "\(name)")
                #expect(UUID(uuidString: id) != nil, "\(name): \(id) should have been replaced")
            }
            for (name, header) in [
                ("bare LF", "X-Request-Id: abc\nX-Injected: yes\r\n"),
                ("CR LF in the slug", "X-Tenant-Slug: hotel-a\r\nX-Injected: yes\r\n"),
            ] {
                let response = try request(header)
                #expect(response.header("X-Injected") == nil, "\(name)")
                #expect(response.header("X-Request-Id")?.contains("\r") == false)
            }
            // A header line without a colon is refused by libmicrohttpd itself (its own HTML 400,
            // before any of our code runs); the next request is served as usual.
            #expect(try request("Not A Header\r\n").status == 400)
            for value in ["-1", "18446744073709551616", "abc", "1e3", "0x10"] {
                expectError(try request("X-Min-Position: \(value)\r\n"), 400, field: "X-Min-Position", value)
            }
            try expectStillServing(app, fixture.a.bearer)
        }
    }

    /// Postgres text cannot hold U+0000 and libpq's parameters are C strings. A webhook's NUL
    /// is kept as U+FFFD, the same by the incremental projection and by a rebuild (SPEC §5:
    /// deterministic), and the text after it is not lost; an API body with one is a 400.
    @Test func textWithANulCharacterIsProjectedAlikeIncrementallyAndByRebuild() throws {
        try TestApp.with(dispatch: false) { app in
            let fixture = try TwoTenants.make(app)
            // The second message goes to an existing conversation, the first opens a new one.
            var position = ""
            for (wamid, text) in [
                ("wamid.NUL-1", "primeira\u{0}mensagem"), ("wamid.NUL-2", "antes\u{0}depois"),
            ] {
                let delivered = try app.postMeta(
                    MetaWebhookBody.message(
                        phoneNumberId: "PNID-A", from: "5511999990077", name: "Nul\u{0}Nome", wamid: wamid,
                        text: text),
                    secret: TwoTenants.secret)
                #expect(delivered.status == 200, "\(delivered.text)")
                position = try #require(delivered.header("X-Log-Position"))
            }
            let list = try app.client.send(
                "GET", "/api/conversations?search=5511999990077",
                headers: fixture.a.bearer.merging(["X-Min-Position": position]) { $1 })
            let id = try #require(list.data.first?["id"] as? String)
            let shown = try app.client.send(
                "GET", "/api/conversations/\(id)/messages", headers: fixture.a.bearer)
            #expect(
                shown.data.compactMap { $0["content"] as? String } == [
                    "primeira\u{FFFD}mensagem", "antes\u{FFFD}depois",
                ])
            let readModel = try #require(app.app.services.readModel)
            let incremental = try readModel.digest()
            _ = try Rebuilder(store: app.app.services.store, database: readModel.database).rebuildAll()
            #expect(try readModel.digest() == incremental)

            for (path, json, field) in [
                ("/api/messages", #"{"conversationId":"\#(id)","content":"antes\u0000depois"}"#, "content"),
                ("/api/conversations", #"{"phoneNumber":"5511999990078","name":"Nul\u0000Nome"}"#, "name"),
                ("/api/tags", ##"{"name":"v\u0000ip","color":"#FF0000"}"##, "name"),
            ] {
                expectError(
                    try app.client.sendJSON("POST", path, json: json, headers: fixture.a.bearer), 400,
                    field: field, path)
            }
            try expectStillServing(app, fixture.a.bearer)
        }
    }

    /// RFC 8259 allows an unpaired `\uD800` escape; SPEC §6: a correctly signed body of valid JSON
    /// is never answered 4xx (Meta retries it for days). The text keeps U+FFFD in its place.
    @Test func signedWebhookWithAnUnpairedSurrogateEscapeIsNotRefused() throws {
        try TestApp.with(dispatch: false) { app in
            _ = try TwoTenants.make(app)
            let body = String(
                decoding: MetaWebhookBody.message(
                    phoneNumberId: "PNID-A", from: "5511999990088", name: "Emoji", wamid: "wamid.SURROGATE",
                    text: "@@"), as: UTF8.self
            ).replacingOccurrences(of: "@@", with: #"corte \ud83d no meio"#)
            let response = try app.postMeta(Array(body.utf8), secret: TwoTenants.secret)
            #expect(response.status != 500)
            // The webhook reader takes the unpaired surrogate as U+FFFD.
            #expect(response.status == 200, "\(response.text)")
            #expect(try app.client.send("GET", "/health").status == 200)
        }
    }
}
