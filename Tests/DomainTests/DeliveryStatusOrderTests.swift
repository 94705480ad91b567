import Domain
import Foundation
import Testing

/// Delivery statuses may arrive in any order, even before the send is recorded; the
/// final status must not depend on the order.
@Suite struct DeliveryStatusOrderTests {
    typealias T = ConversationTimeline

    enum Arrival: Equatable, Sendable {
        case sendRecorded
        case report(DeliveryStatus)
    }

    /// Plays arrivals the way the API does: a status for a wamid whose send is unknown goes
    /// to the `wamid-…` stream; recording the send takes those pending statuses along.
    static func play(_ arrivals: [Arrival], wamid: String = "wamid.OUT1") throws -> (
        ConversationMessage, [DomainEvent]
    ) {
        var timeline = try T.openedByInbound()
        let messageId = UUID(uuidString: "00000000-0000-4000-8000-00000000aaaa")!
        try timeline.run(
            .queueOutbound(messageId: messageId, content: .text(body: "Olá"), sentById: T.agent),
            at: T.start + 10)
        var wamidStream: [DomainEvent] = []
        var linked = false
        var time = T.start + 100
        for arrival in arrivals {
            time += 1
            switch arrival {
            case .sendRecorded:
                let decision = try timeline.run(
                    .recordSent(messageId: messageId, wamid: wamid, pending: WamidStatuses.fold(wamidStream)),
                    at: time)
                wamidStream += decision.otherStreams.flatMap { $0.events.map(\.event) }
                linked = true
            case .report(let status):
                let failure =
                    status == .failed ? DeliveryFailure(code: 131026, title: "Message undeliverable") : nil
                let report = StatusReport(
                    provider: .meta, wamid: wamid, status: status, timestamp: time, failure: failure)
                if linked {
                    try timeline.run(.applyStatus(report), at: time)
                } else {
                    switch WamidStatuses.decide(report, state: WamidStatuses.fold(wamidStream)) {
                    case .recordPending(let streamDecision): wamidStream += streamDecision.events.map(\.event)
                    case .applyTo, .nothing: Issue.record("unexpected outcome before the send")
                    }
                }
            }
        }
        let message = try #require(timeline.state?.messages[messageId])
        return (message, timeline.events)
    }

    static func permutations<Element>(_ items: [Element]) -> [[Element]] {
        guard let first = items.first else { return [[]] }
        return permutations(Array(items.dropFirst())).flatMap { rest in
            (0...rest.count).map { index in
                var permutation = rest
                permutation.insert(first, at: index)
                return permutation
            }
        }
    }

    @Test func everyOrderOfSentDeliveredReadEndsRead() throws {
        let arrivals: [Arrival] = [.sendRecorded, .report(.sent), .report(.delivered), .report(.read)]
        let orders = Self.permutations(arrivals)
        #expect(orders.count == 24)
        for order in orders {
            let (message, events) = try Self.play(order)
            #expect(message.status == .read, "\(order)")
            #expect(message.wamid == "wamid.OUT1")
            let statusTypes = events.map(\.type).filter { $0 == MessageRead.type || $0 == MessageFailed.type }
            #expect(statusTypes == [MessageRead.type], "\(order)")
        }
    }

    @Test func everyOrderWithAFailureEndsFailed() throws {
        let arrivals: [Arrival] = [
            .sendRecorded, .report(.sent), .report(.delivered), .report(.read), .report(.failed),
        ]
        for order in Self.permutations(arrivals) {
            let (message, events) = try Self.play(order)
            #expect(message.status == .failed, "\(order)")
            #expect(message.failure?.code == 131026)
            #expect(events.filter { $0.type == MessageFailed.type }.count == 1, "\(order)")
        }
    }

    @Test func statusesNeverMoveBackwards() throws {
        let (message, events) = try Self.play([
            .sendRecorded, .report(.read), .report(.delivered), .report(.sent),
        ])
        #expect(message.status == .read)
        #expect(!events.contains { $0.type == MessageDelivered.type })
    }

    @Test func seededRandomArrivalsAlwaysAgree() throws {
        var generator = SplitMix64(seed: 42)
        let all: [DeliveryStatus] = [.sent, .delivered, .read, .failed]
        for _ in 0..<200 {
            let statuses = all.filter { _ in generator.next() % 2 == 0 }
            var arrivals = statuses.map(Arrival.report) + [.sendRecorded]
            arrivals.shuffle(using: &generator)
            let expected = statuses.max() ?? .sent
            let (message, _) = try Self.play(arrivals)
            #expect(message.status == max(expected, .sent), "\(arrivals)")
        }
    }

    @Test func duplicatePendingReportIsRecordedOnce() {
        let report = StatusReport(provider: .meta, wamid: "w", status: .delivered, timestamp: 1)
        guard case .recordPending(let first) = WamidStatuses.decide(report, state: nil) else {
            Issue.record("not recorded")
            return
        }
        #expect(first.isNewStream)
        let state = WamidStatuses.fold(first.events.map(\.event))
        #expect(WamidStatuses.decide(report, state: state) == .nothing)
    }

    @Test func reportAfterTheLinkIsRoutedToTheConversation() {
        let link = WamidLinked(wamid: "w", conversationId: T.conversation, messageId: UUID())
        let report = StatusReport(provider: .meta, wamid: "w", status: .read, timestamp: 1)
        #expect(
            WamidStatuses.decide(report, state: WamidStatuses.fold([.wamidLinked(link)]))
                == .applyTo(conversationId: T.conversation))
    }

    @Test func recordingTheSendLinksTheWamidStreamAndReservesTheKey() throws {
        var timeline = try T.openedByInbound()
        let messageId = UUID()
        try timeline.run(
            .queueOutbound(messageId: messageId, content: .text(body: "Olá"), sentById: nil), at: T.start + 1)
        let decision = try timeline.run(
            .recordSent(messageId: messageId, wamid: "wamid.X", pending: nil), at: T.start + 2)
        #expect(
            decision.keyChanges == [
                .reserve(key: UniqueKeys.wamid("wamid.X"), stream: Streams.conversation(T.conversation))
            ])
        #expect(decision.otherStreams.map(\.stream) == [Streams.wamid("wamid.X")])
        #expect(decision.otherStreams.first?.isNewStream == true)
        #expect(
            try timeline.run(
                .recordSent(messageId: messageId, wamid: "wamid.X", pending: nil), at: T.start + 3) == .none)
    }

    @Test func sendRefusedByTheProviderFailsTheMessage() throws {
        var timeline = try T.openedByInbound()
        let messageId = UUID()
        try timeline.run(
            .queueOutbound(messageId: messageId, content: .text(body: "Olá"), sentById: nil), at: T.start + 1)
        let failure = DeliveryFailure(code: 131047, title: "Re-engagement message")
        try timeline.run(.recordSendFailure(messageId: messageId, failure: failure), at: T.start + 2)
        #expect(timeline.state?.messages[messageId]?.status == .failed)
        #expect(timeline.state?.messages[messageId]?.failure == failure)
    }
}

/// A small seeded generator so "random" tests replay identically.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
