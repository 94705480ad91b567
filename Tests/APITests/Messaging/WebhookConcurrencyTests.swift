import Foundation
import Testing

@testable import API

@Suite("Webhooks under concurrency and across tenants", .serialized)
struct WebhookConcurrencyTests {
    /// Runs `count` calls of `body` at once and returns their results.
    static func concurrently<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T)
        -> [Result<T, Error>]
    {
        let results = ResultsBox<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.set(index, Result { try body(index) })
        }
        return results.values
    }

    static func post(_ client: TestHTTPClient, _ body: String) throws -> TestResponse {
        let bytes = Array(body.utf8)
        return try client.send(
            "POST", "/webhooks/whatsapp",
            headers: [
                "X-Hub-Signature-256": WebhookSignature.sign(body: bytes, secret: Array("app-secret".utf8))
            ],
            body: bytes)
    }

    @Test func concurrentDeliveriesOfOneBodyRecordTheMessageOnce() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111")
        let body = MetaWebhookBodies.text(
            phoneNumberId: "111", from: "5511999999999", wamid: "wamid.C", body: "Oi")
        let client = harness.client
        let statuses = Self.concurrently(8) { _ in try Self.post(client, body).status }
        #expect(statuses.allSatisfy { (try? $0.get()) == 200 })
        let conversations = try harness.conversations(tenant)
        #expect(conversations.count == 1)
        #expect(try harness.messages(tenant, conversation: conversations[0].id).count == 1)
    }

    @Test func concurrentMessagesOfANewContactShareOneContactAndConversation() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let tenant = try harness.registerTenant("hotel-a")
        try harness.configureMeta(tenant, phoneNumberId: "111")
        let client = harness.client
        let statuses = Self.concurrently(6) { index in
            try Self.post(
                client,
                MetaWebhookBodies.text(
                    phoneNumberId: "111", from: "5511999999999", wamid: "wamid.P\(index)",
                    body: "msg \(index)")
            ).status
        }
        #expect(statuses.allSatisfy { (try? $0.get()) == 200 })
        let conversations = try harness.conversations(tenant)
        #expect(conversations.count == 1)
        #expect(conversations.first?.unreadCount == 6)
        #expect(try harness.messages(tenant, conversation: conversations[0].id).count == 6)
    }

    @Test func oneBodyForTwoTenantsAppendsForBoth() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let first = try harness.registerTenant("hotel-a")
        let second = try harness.registerTenant("hotel-b")
        try harness.configureMeta(first, phoneNumberId: "111", appSecret: "shared")
        try harness.configureMeta(second, phoneNumberId: "222", appSecret: "shared")
        let a = MetaWebhookBodies.text(
            phoneNumberId: "111", from: "5511900000001", wamid: "wamid.T1", body: "A")
        let b = MetaWebhookBodies.text(
            phoneNumberId: "222", from: "5511900000002", wamid: "wamid.T2", body: "B")
        let entries = [a, b].map { body -> String in
            let start = body.range(of: "\"entry\":[")!.upperBound
            return String(body[start...].dropLast(2))
        }
        let combined =
            #"{"object":"whatsapp_business_account","entry":["# + entries.joined(separator: ",") + "]}"
        #expect(try harness.postMeta(combined, secret: "shared").status == 200)
        #expect(try harness.conversations(first).map(\.contact.phoneNumber) == ["5511900000001"])
        #expect(try harness.conversations(second).map(\.contact.phoneNumber) == ["5511900000002"])
    }

    @Test func bodyForTwoTenantsWithDifferentSecretsIsRefused() throws {
        let harness = try MessagingHarness(startDispatcher: false)
        let first = try harness.registerTenant("hotel-a")
        let second = try harness.registerTenant("hotel-b")
        try harness.configureMeta(first, phoneNumberId: "111", appSecret: "secret-a")
        try harness.configureMeta(second, phoneNumberId: "222", appSecret: "secret-b")
        let a = MetaWebhookBodies.text(
            phoneNumberId: "111", from: "5511900000001", wamid: "wamid.T1", body: "A")
        let b = MetaWebhookBodies.text(
            phoneNumberId: "222", from: "5511900000002", wamid: "wamid.T2", body: "B")
        let entries = [a, b].map { body -> String in
            let start = body.range(of: "\"entry\":[")!.upperBound
            return String(body[start...].dropLast(2))
        }
        let combined =
            #"{"object":"whatsapp_business_account","entry":["# + entries.joined(separator: ",") + "]}"
        let head = try harness.store.head()
        #expect(try harness.postMeta(combined, secret: "secret-a").status == 401)
        #expect(try harness.store.head() == head)
    }

    @Test func statusForAnotherTenantsMessageChangesNothing() throws {
        let harness = try MessagingHarness()
        let (owner, conversation) = try OutboundMessageTests.conversation(harness)
        let id = try #require(
            try OutboundMessageTests.sendText(harness, owner, conversation, "Oi").object["id"] as? String)
        let wamid = try #require(try harness.message(owner, id: id) { $0.status == "SENT" }.whatsappMessageId)
        let intruder = try harness.registerTenant("hotel-b")
        try harness.configureMeta(intruder, phoneNumberId: "222", appSecret: "intruder")
        let forged = MetaWebhookBodies.statuses(phoneNumberId: "222", [(wamid, "read", "5511999999999")])
        #expect(try harness.postMeta(forged, secret: "intruder").status == 200)
        try harness.caughtUp()
        #expect(try harness.message(owner, id: id) { _ in true }.status == "SENT")
    }
}

/// Collects results from concurrent closures.
final class ResultsBox<T>: @unchecked Sendable {
    // @unchecked Sendable: every slot is written by one iteration, under `lock`.
    private let lock = NSLock()
    private var slots: [Result<T, Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<T, Error>) { lock.withLock { slots[index] = value } }

    var values: [Result<T, Error>] { lock.withLock { slots.compactMap { $0 } } }
}
