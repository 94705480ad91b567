import Foundation
import Projections
import Testing

@testable import API

@Suite("Channels and Meta verification", .serialized)
struct ChannelSetupTests {
    @Test func configuredChannelIsListedWithoutItsSecrets() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        let put = try harness.configureMeta(tenant, phoneNumberId: "111", appSecret: "very-secret-app")
        #expect(put.status == 200)
        #expect(put.object["phoneNumberId"] as? String == "111")
        try harness.caughtUp()
        let list = try harness.send("GET", "/api/channels", tenant: tenant)
        #expect(list.status == 200)
        let channels = list.object["data"] as? [[String: Any]] ?? []
        #expect(channels.count == 1)
        #expect(channels.first?["provider"] as? String == "meta")
        // One view: the list shows the channel exactly as the PUT answered it, number included.
        #expect(channels.first.map { NSDictionary(dictionary: $0) } == NSDictionary(dictionary: put.object))
        #expect(channels.first?["phoneNumberId"] as? String == "111")
        #expect(channels.first?["status"] as? String == "CONNECTED")
        #expect(channels.first?["updatedAt"] is String)
        for text in [put.text, list.text] {
            #expect(!text.contains("very-secret-app"))
            #expect(!text.contains("token-111"))
            #expect(!text.contains("verify-111"))
        }
    }

    @Test func noChannelIsAnEmptyListAndTheDashboardAgreesOnTheStatus() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        let empty = try harness.send("GET", "/api/channels", tenant: tenant)
        #expect(empty.status == 200)
        #expect((empty.object["data"] as? [Any])?.isEmpty == true)
        let put = try harness.send(
            "PUT", "/api/channels/whatsapp", tenant: tenant,
            json:
                #"{"provider":"evolution","instanceName":"hotel_a","apiKey":"k","apiBaseUrl":"http://127.0.0.1:1"}"#
        )
        #expect(put.status == 200)
        #expect(put.object["instanceName"] as? String == "hotel_a")
        #expect(put.object["status"] as? String == "CONNECTING")
        try harness.caughtUp()
        let dashboard = try harness.readModel.dashboard(tenant: tenant.id, now: Timestamp.nowMilliseconds())
        #expect(dashboard.channelStatus == put.object["status"] as? String)
    }

    @Test func secretsAreStoredOnlySealedInTheLog() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111", appSecret: "very-secret-app")
        let records = try harness.store.read(from: 1, limit: 100)
        let configured = records.filter { $0.type == "WhatsAppChannelConfigured.v1" }
        #expect(configured.count == 1)
        for record in records {
            let text = String(decoding: record.payload, as: UTF8.self)
            #expect(!text.contains("very-secret-app"))
            #expect(!text.contains("token-111"))
        }
    }

    @Test func channelRoutesNeedAnAdministrator() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        let agent = try harness.user(in: tenant, role: "AGENT")
        #expect(try harness.send("GET", "/api/channels", tenant: agent).status == 403)
        let put = try harness.send(
            "PUT", "/api/channels/whatsapp", tenant: agent,
            json:
                #"{"provider":"evolution","instanceName":"x","apiKey":"k","apiBaseUrl":"http://127.0.0.1:1"}"#
        )
        #expect(put.status == 403)
    }

    @Test func missingChannelFieldsAreNamed() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        let noSecret = try harness.send(
            "PUT", "/api/channels/whatsapp", tenant: tenant,
            json: #"{"provider":"meta","phoneNumberId":"1","verifyToken":"v","accessToken":"a"}"#)
        #expect(noSecret.status == 400)
        #expect(noSecret.errorField == "appSecret")
        let badProvider = try harness.send(
            "PUT", "/api/channels/whatsapp", tenant: tenant, json: #"{"provider":"telegram"}"#)
        #expect(badProvider.errorField == "provider")
        let noKey = try harness.send(
            "PUT", "/api/channels/whatsapp", tenant: tenant,
            json: #"{"provider":"evolution","instanceName":"x","apiBaseUrl":"http://127.0.0.1:1"}"#)
        #expect(noKey.errorField == "apiKey")
    }

    @Test func aNumberBelongsToOneTenantOnly() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let first = try harness.registerTenant("hotel-a")
        let second = try harness.registerTenant("hotel-b")
        #expect(try harness.configureMeta(first, phoneNumberId: "111").status == 200)
        let taken = try harness.configureMeta(second, phoneNumberId: "111")
        #expect(taken.status == 409)
        #expect(taken.errorCode == "ERR_CHANNEL_TAKEN")
    }

    @Test func verificationEchoesTheChallengeOnlyForAKnownToken() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111")
        let good = try harness.client.send(
            "GET",
            "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-111&hub.challenge=1158201444")
        #expect(good.status == 200)
        #expect(good.text == "1158201444")
        let bad = try harness.client.send(
            "GET", "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444")
        #expect(bad.status == 403)
        let wrongMode = try harness.client.send(
            "GET", "/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token=verify-111&hub.challenge=1")
        #expect(wrongMode.status == 403)
    }

    @Test func directoryRebuiltFromTheLogRoutesAfterARestart() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111", appSecret: "s1")
        let rebuilt = try ChannelDirectory(store: harness.store, secretBox: harness.secretBox)
        let channel = try rebuilt.meta(phoneNumberId: "111")
        #expect(channel?.tenantId == tenant.id)
        #expect(channel?.secrets?.appSecret == "s1")
        #expect(try rebuilt.isVerifyToken("verify-111"))
    }
}
