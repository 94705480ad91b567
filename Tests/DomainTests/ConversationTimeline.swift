import Domain
import Foundation

/// A conversation stream in memory: runs commands through `decide` and keeps the events,
/// the way the API does against the store.
struct ConversationTimeline {
    var events: [DomainEvent] = []

    var state: Conversation? { Conversation.fold(events) }

    @discardableResult
    mutating func run(_ command: ConversationCommand, at now: Int64) throws -> Decision {
        let decision = try Conversation.decide(command, state: state, now: now)
        events += decision.domainEvents
        return decision
    }

    static let tenant = UUID(uuidString: "00000000-0000-4000-8000-0000000000a1")!
    static let contact = UUID(uuidString: "00000000-0000-4000-8000-0000000000c1")!
    static let conversation = UUID(uuidString: "00000000-0000-4000-8000-0000000000d1")!
    static let agent = UUID(uuidString: "00000000-0000-4000-8000-0000000000e1")!
    static let otherAgent = UUID(uuidString: "00000000-0000-4000-8000-0000000000e2")!
    static let department = UUID(uuidString: "00000000-0000-4000-8000-0000000000f1")!
    static let start: Int64 = 1_731_400_000_000

    /// A conversation opened by an inbound text at `start`.
    static func openedByInbound(wamid: String = "wamid.IN1") throws -> ConversationTimeline {
        var timeline = ConversationTimeline()
        timeline.events.append(
            .conversationOpened(
                ConversationOpened(
                    conversationId: conversation, tenantId: tenant, contactId: contact, openedBy: .inbound,
                    at: start)))
        try timeline.run(.receive(inbound(wamid: wamid, at: start)), at: start + 1000)
        return timeline
    }

    static func inbound(wamid: String, at timestamp: Int64, text: String = "Olá") -> InboundMessage {
        InboundMessage(
            provider: .meta, wamid: wamid, from: "5511999999999", profileName: "João", type: .text,
            timestamp: timestamp,
            content: InboundContent(text: text))
    }
}
