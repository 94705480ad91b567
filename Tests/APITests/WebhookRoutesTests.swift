import Domain
import EventStore
import Foundation
import Projections
import Testing

@testable import API

/// A Meta webhook body in the seed 001 shape.
private func metaBody(
    phoneNumberId: String = "PNID1", wamid: String = "wamid.IN1", text: String = "Olá, reserva"
)
    -> [UInt8]
{
    Array(
        """
        {"object":"whatsapp_business_account","entry":[{"id":"WABA1","changes":[{"field":"messages","value":\
        {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111",\
        "phone_number_id":"\(phoneNumberId)"},"contacts":[{"profile":{"name":"João Silva"},\
        "wa_id":"5511999999999"}],"messages":[{"from":"5511999999999","id":"\(wamid)",\
        "timestamp":"\(Timestamp.nowMilliseconds() / 1000 - 5)","type":"text","text":{"body":"\(text)"}}]}}]}]}
        """.utf8)
}

private func metaStatusBody(wamid: String, status: String) -> [UInt8] {
    Array(
        """
        {"object":"whatsapp_business_account","entry":[{"id":"WABA1","changes":[{"field":"messages","value":\
        {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111",\
        "phone_number_id":"PNID1"},"statuses":[{"id":"\(wamid)","status":"\(status)",\
        "timestamp":"\(Timestamp.nowMilliseconds() / 1000)","recipient_id":"5511999999999"}]}}]}]}
        """.utf8)
}

private func evolutionUpsert(instance: String, id: String, text: String, apikey: String = "ignored")
    -> [UInt8]
{
    Array(
        """
        {"event":"messages.upsert","instance":"\(instance)","data":{"key":{"remoteJid":\
        "5511777777777@s.whatsapp.net","fromMe":false,"id":"\(id)"},"pushName":"Carla",\
        "message":{"conversation":"\(text)"},"messageType":"conversation",\
        "messageTimestamp":\(Timestamp.nowMilliseconds() / 1000 - 5)},"server_url":"http://evo","apikey":"\(apikey)"}
        """.utf8)
}

extension TestApp {
    /// Registers a tenant and connects its Meta channel; returns the admin's bearer header.
    func metaTenant(slug: String = "hotel-abc", phoneNumberId: String = "PNID1") throws -> [String: String] {
        let admin = try register(slug: slug, email: "admin@\(slug).com")
        let bearer = ["Authorization": "Bearer \(admin.token!)"]
        let configured = try client.sendJSON(
            "PUT", "/api/channels/whatsapp",
            json: """
                {"provider":"meta","phoneNumberId":"\(phoneNumberId)","displayPhoneNumber":"15550001111",\
                "appSecret":"app-secret-\(slug)","verifyToken":"verify-\(slug)","accessToken":"EAAG"}
                """, headers: bearer)
        #expect(configured.status == 200)
        #expect(!configured.text.contains("app-secret"))
        return bearer
    }

    func postMeta(_ body: [UInt8], secret: String) throws -> TestResponse {
        try client.send(
            "POST", "/webhooks/whatsapp",
            headers: [
                "Content-Type": "application/json",
                "X-Hub-Signature-256": WebhookSignature.sign(body: body, secret: Array(secret.utf8)),
            ], body: body)
    }
}

@Suite(.serialized) struct WebhookRoutesTests {
    @Test func subscriptionHandshakeEchoesTheChallengeOnlyForTheRightToken() throws {
        try TestApp.with { app in
            _ = try app.metaTenant()
            let good = try app.client.send(
                "GET",
                "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-hotel-abc&hub.challenge=1158201444&tenant=hotel-abc"
            )
            #expect(good.status == 200)
            #expect(good.text == "1158201444")
            let bad = try app.client.send(
                "GET",
                "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1&tenant=hotel-abc"
            )
            #expect(bad.status == 403)
            let unknownTenant = try app.client.send(
                "GET",
                "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-hotel-abc&hub.challenge=1&tenant=nope"
            )
            #expect(unknownTenant.status == 403)
        }
    }

    @Test func signedMessageIsDurableVisibleAndIdempotent() throws {
        try TestApp.with { app in
            let bearer = try app.metaTenant()
            let store = app.app.services.store
            let body = metaBody()
            let accepted = try app.postMeta(body, secret: "app-secret-hotel-abc")
            #expect(accepted.status == 200)
            #expect(accepted.text == "EVENT_RECEIVED")
            let position = try #require(accepted.header("X-Log-Position"))
            let head = try store.head()
            #expect(String(head) == position)

            let list = try app.client.send(
                "GET", "/api/conversations", headers: bearer.merging(["X-Min-Position": position]) { $1 })
            let items = list.object["data"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            #expect((items.first?["contact"] as? [String: Any])?["name"] as? String == "João Silva")
            #expect((items.first?["lastMessage"] as? [String: Any])?["content"] as? String == "Olá, reserva")

            let tenantId = try #require(try app.app.services.tenant(forSlug: "hotel-abc"))
            let raw = try store.readStream(StreamName(Streams.webhooks(tenantId)))
            #expect(raw.count == 1)
            #expect(raw.first?.type == RawWebhookReceived.type)
            guard case .clear(let personal) = raw.first?.personal else {
                Issue.record("the raw body must be stored as a readable personal part")
                return
            }
            let decoded = try DomainCodec.decode(
                type: raw[0].type, payload: raw[0].payload, personal: personal)
            guard case .rawWebhookReceived(let event) = decoded else {
                Issue.record("expected RawWebhookReceived, got \(decoded.type)")
                return
            }
            #expect(event.personal?.body == String(decoding: body, as: UTF8.self))
            #expect(event.contactIds.count == 1)
            // A body about one contact is sealed under that contact's key (erasing it erases the body).
            #expect(raw[0].dataKey?.rawValue == DataKeys.contact(event.contactIds[0]))
            #expect(raw[0].metadata.actor == "webhook:meta")

            let again = try app.postMeta(body, secret: "app-secret-hotel-abc")
            #expect(again.status == 200)
            #expect(try store.head() == head)
        }
    }

    @Test func badSignatureIs401AndAppendsNothing() throws {
        try TestApp.with { app in
            _ = try app.metaTenant()
            let store = app.app.services.store
            let before = try store.head()
            let forged = try app.postMeta(metaBody(), secret: "not-the-secret")
            #expect(forged.status == 401)
            let unsigned = try app.client.send("POST", "/webhooks/whatsapp", body: metaBody())
            #expect(unsigned.status == 401)
            #expect(try store.head() == before)
        }
    }

    @Test func unknownNumberMalformedBodyAndEarlyStatusAreHandled() throws {
        try TestApp.with { app in
            _ = try app.metaTenant()
            let store = app.app.services.store
            let before = try store.head()
            let unknown = try app.postMeta(metaBody(phoneNumberId: "OTHER"), secret: "app-secret-hotel-abc")
            // A number that is not a channel here answers like a wrong signature: no probing.
            #expect(unknown.status == 401)
            let malformed = try app.postMeta(Array(#"{"entry": 5}"#.utf8), secret: "app-secret-hotel-abc")
            #expect(malformed.status == 400)
            #expect(try store.head() == before)
            // A status for a send not recorded yet is kept, not lost.
            let early = try app.postMeta(
                metaStatusBody(wamid: "wamid.OUT-EARLY", status: "delivered"), secret: "app-secret-hotel-abc")
            #expect(early.status == 200)
            let pending = try store.readStream(StreamName(Streams.wamid("wamid.OUT-EARLY")))
            #expect(pending.map(\.type) == [PendingStatusRecorded.type])
        }
    }

    @Test func evolutionWebhookNeedsTheInstanceKey() throws {
        try TestApp.with { app in
            let admin = try app.register(slug: "loja-x", email: "admin@loja.com")
            let configured = try app.client.sendJSON(
                "PUT", "/api/channels/whatsapp",
                json:
                    #"{"provider":"evolution","instanceName":"loja_x","apiBaseUrl":"http://127.0.0.1:9","apiKey":"evo-key"}"#,
                headers: ["Authorization": "Bearer \(admin.token!)"])
            #expect(configured.status == 200)
            let store = app.app.services.store
            let before = try store.head()
            let wrong = try app.client.send(
                "POST", "/webhook/loja_x", headers: ["apikey": "guess"],
                body: evolutionUpsert(instance: "loja_x", id: "EVO1", text: "Oi"))
            #expect(wrong.status == 401)
            #expect(try store.head() == before)
            let accepted = try app.client.send(
                "POST", "/webhook/loja_x", headers: ["apikey": "evo-key"],
                body: evolutionUpsert(instance: "loja_x", id: "EVO1", text: "Oi"))
            #expect(accepted.status == 200)
            let viaBody = try app.client.send(
                "POST", "/webhook/loja_x",
                body: evolutionUpsert(instance: "loja_x", id: "EVO2", text: "Tudo bem?", apikey: "evo-key"))
            #expect(viaBody.status == 200)
            let list = try app.client.send(
                "GET", "/api/conversations",
                headers: [
                    "Authorization": "Bearer \(admin.token!)",
                    "X-Min-Position": viaBody.header("X-Log-Position")!,
                ])
            let items = list.object["data"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            #expect(items.first?["unreadCount"] as? Int == 2)
        }
    }
}

@Suite(.serialized) struct ConcurrentWebhookTests {
    @Test func concurrentFirstMessagesOfOneContactShareOneContactAndConversation() throws {
        try TestApp.with(dispatch: false) { app in
            let bearer = try app.metaTenant()
            let statuses = Statuses()
            DispatchQueue.concurrentPerform(iterations: 8) { index in
                let response = try? app.postMeta(
                    metaBody(wamid: "wamid.RACE-\(index)", text: "mensagem \(index)"),
                    secret: "app-secret-hotel-abc")
                statuses.record(response?.status ?? -1)
            }
            #expect(statuses.all == Array(repeating: 200, count: 8))
            let head = try app.app.services.store.head()
            let list = try app.client.send(
                "GET", "/api/conversations", headers: bearer.merging(["X-Min-Position": String(head)]) { $1 })
            let items = list.object["data"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            #expect(items.first?["unreadCount"] as? Int == 8)
        }
    }
}

@Suite(.serialized) struct WebhookTrustBoundaryTests {
    /// Before: a message timestamp of Int64.max trapped the server (SIGILL) on `seconds * 1000`
    /// before any signature was checked. Now nothing of an unsigned body is translated, and a
    /// signed one with an impossible time is a 400 naming the field.
    @Test func anImpossibleTimestampIsRefusedAndTheServerKeepsServing() throws {
        try TestApp.with(dispatch: false) { app in
            _ = try app.metaTenant()
            let head = try app.app.services.store.head()
            let body = Array(
                String(decoding: metaBody(wamid: "wamid.TRAP"), as: UTF8.self).replacingOccurrences(
                    of: #""timestamp":"\#(Timestamp.nowMilliseconds() / 1000 - 5)""#,
                    with: #""timestamp":"9223372036854775807""#
                ).utf8)
            #expect(String(decoding: body, as: UTF8.self).contains("9223372036854775807"))
            let unsigned = try app.postMeta(body, secret: "not-the-secret")
            #expect(unsigned.status == 401)
            let signed = try app.postMeta(body, secret: "app-secret-hotel-abc")
            #expect(signed.status == 400)
            #expect(signed.errorField == "entry[0].changes[0].value.messages[0].timestamp")
            #expect(try app.app.services.store.head() == head)
            #expect(try app.client.send("GET", "/health").status == 200)
        }
    }

    /// A tenant whose event PostgreSQL refuses is held alone, and `/ready` says which, where and
    /// why until it is rebuilt.
    @Test func readyNamesAHeldTenantUntilItIsRebuilt() throws {
        try TestApp.with(dispatch: false) { app in
            let bearer = try app.metaTenant()
            _ = try app.metaTenant(slug: "hotel-xyz", phoneNumberId: "PNID2")
            let readModel = try #require(app.app.services.readModel)
            let schema = try readModel.activeSchema()
            let me = try app.client.send("GET", "/auth/me", headers: bearer)
            let tenant = try #require((me.object["tenant"] as? [String: Any])?["id"] as? String)
            try readModel.database.withConnection {
                try $0.execute(
                    "ALTER TABLE \(schema).messages ADD CONSTRAINT refuse_one_tenant CHECK (tenant_id <> '\(tenant)')"
                )
            }
            #expect(
                try app.postMeta(metaBody(wamid: "wamid.HELD"), secret: "app-secret-hotel-abc").status == 200)
            let other = try app.postMeta(
                metaBody(phoneNumberId: "PNID2", wamid: "wamid.FREE"), secret: "app-secret-hotel-xyz")
            #expect(other.status == 200)
            let position = try #require(other.header("X-Log-Position").flatMap { UInt64($0) })
            #expect(app.app.projector?.waitUntil(position: position, timeout: 10) == true)
            let ready = try app.client.send("GET", "/ready")
            #expect(ready.status == 503)
            let held = ((ready.object["projection"] as? [String: Any])?["held"] as? [[String: Any]]) ?? []
            #expect(held.first?["tenant"] as? String == tenant)
            #expect((held.first?["error"] as? String)?.contains("refuse_one_tenant") == true)
            #expect(held.first?["position"] as? Double != nil)
            let metrics = try app.client.send("GET", "/metrics")
            #expect(metrics.text.contains("projection_held_tenants 1"))

            try readModel.database.withConnection {
                try $0.execute("ALTER TABLE \(schema).messages DROP CONSTRAINT refuse_one_tenant")
            }
            try Rebuilder(store: app.app.services.store, database: readModel.database).rebuildTenant(
                UUID(uuidString: tenant)!)
            _ = app.app.projector?.waitUntil(position: try app.app.services.store.head(), timeout: 10)
            let deadline = Date().addingTimeInterval(10)
            var status = 0
            repeat {
                status = try app.client.send("GET", "/ready").status
                if status == 200 { break }
                Thread.sleep(forTimeInterval: 0.1)
            } while Date() < deadline
            #expect(status == 200)
        }
    }
}
