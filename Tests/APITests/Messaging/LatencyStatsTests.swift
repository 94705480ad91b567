import Foundation
import Projections
import Testing

@testable import API

/// `GET /api/stats/latency` when WhatsApp's status times (whole seconds) fall before the
/// send's millisecond time, as they do for a delivery within the send's own second.
@Suite("Latency statistics", .serialized)
struct LatencyStatsTests {
    @Test func statusTimesInWholeSecondsBeforeTheSendGiveNoNegativeFigure() throws {
        let harness = try MessagingHarness()
        let (tenant, conversation) = try OutboundMessageTests.conversation(harness)
        var sends: [(id: String, wamid: String, queuedAt: Int64, sentAt: Int64)] = []
        for text in ["Primeira", "Segunda", "Terceira"] {
            let created = try OutboundMessageTests.sendText(harness, tenant, conversation, text)
            #expect(created.status == 201)
            let id = try #require(created.object["id"] as? String)
            let sent = try harness.message(tenant, id: id) { $0.status == "SENT" }
            sends.append(
                (
                    id, try #require(sent.whatsappMessageId), try #require(Timestamp.parse(sent.createdAt)),
                    try #require(sent.sentAt.flatMap(Timestamp.parse))
                ))
        }
        // (delivered, read) in whole seconds, relative to the second the send was recorded in:
        // delivered in the send's own second (before its milliseconds), delivered three seconds
        // before the send (a provider clock behind ours), delivered a second after it.
        let statuses: [(delivered: Int64, read: Int64?)] = [(0, 2), (-3, -2), (1, nil)]
        for (send, offsets) in zip(sends, statuses) {
            let second = send.sentAt / 1000
            var posted = [("delivered", second + offsets.delivered)]
            if let read = offsets.read { posted.append(("read", second + read)) }
            for (status, timestamp) in posted {
                let reply = harness.provider.postStatus(
                    to: harness.webhookURL, appSecret: "app-secret", phoneNumberId: "111", wamid: send.wamid,
                    status: status, recipient: OutboundMessageTests.customer, timestamp: timestamp)
                #expect(reply == .http(status: 200, body: Array("EVENT_RECEIVED".utf8)))
            }
            let expected = offsets.read == nil ? "DELIVERED" : "READ"
            let projected = try harness.message(tenant, id: send.id) { $0.status == expected }
            #expect(projected.deliveredAt.flatMap(Timestamp.parse) == (second + offsets.delivered) * 1000)
        }

        let response = try harness.send("GET", "/api/stats/latency", tenant: tenant)
        #expect(response.status == 200)
        #expect(response.object["total_messages"] as? Int == 3)
        let toSent = try #require(response.object["to_sent"] as? [String: Any])
        let delivery = try #require(response.object["delivery"] as? [String: Any])
        let read = try #require(response.object["read"] as? [String: Any])
        for figure in [toSent, delivery, read] {
            for name in ["avgMs", "p50Ms", "p95Ms", "p99Ms"] {
                #expect((Self.number(figure[name]) ?? -1) >= 0, "\(name)")
            }
        }
        // to-sent: both this server's milliseconds.
        let toSentSamples = sends.map { max(0, $0.sentAt - $0.queuedAt) }.sorted()
        #expect(toSent["count"] as? Int == 3)
        #expect(Self.number(toSent["p50Ms"]) == Double(toSentSamples[1]))
        #expect(Self.number(toSent["p99Ms"]) == Double(toSentSamples[2]))
        let averageToSent = Double(toSentSamples.reduce(0, +)) / 3
        #expect(abs((Self.number(toSent["avgMs"]) ?? -1) - averageToSent) < 0.01)
        // delivery: whole seconds against the send's second, 0 when before it: 0, 0, 1000.
        #expect(delivery["count"] as? Int == 3)
        #expect(abs((Self.number(delivery["avgMs"]) ?? -1) - 1000.0 / 3) < 0.01)
        #expect(Self.number(delivery["p50Ms"]) == 0)
        #expect(Self.number(delivery["p95Ms"]) == 1000)
        // read: two provider times: 2000 and 1000; the third message was never read.
        #expect(read["count"] as? Int == 2)
        #expect(Self.number(read["avgMs"]) == 1500)
        #expect(Self.number(read["p50Ms"]) == 1000)
        #expect(Self.number(read["p95Ms"]) == 2000)
    }

    @Test func openAPIDocumentDefinesTheFigures() throws {
        try TestApp.with { app in
            let openapi = try app.client.send("GET", "/openapi.json")
            let paths = openapi.object["paths"] as? [String: [String: Any]] ?? [:]
            let operation = paths["/api/stats/latency"]?["get"] as? [String: Any]
            let description = try #require(operation?["description"] as? String)
            #expect(description.contains("one-second resolution"))
            #expect(description.contains("No figure is negative"))
        }
    }

    /// A JSON number as parsed by `JSONSerialization`, whichever type it chose.
    static func number(_ value: Any?) -> Double? {
        switch value {
        case let number as Int: Double(number)
        case let number as Double: number
        case let number as NSNumber: number.doubleValue
        default: nil
        }
    }
}
