import Domain
import Foundation
import Testing

/// Folding the decided events — directly, or after a trip through the codec as the store
/// would give them back — reproduces the state each command saw.
@Suite struct ReplayTests {
    typealias T = ConversationTimeline

    static func script(messageId: UUID) -> [(ConversationCommand, Int64)] {
        let button = OutboundContent.buttons(
            ButtonsContent(body: "Escolha", buttons: [ReplyButton(id: "a", title: "A")]))
        return [
            (.receive(T.inbound(wamid: "wamid.2", at: T.start + 10)), T.start + 11),
            (.changeStatus(.inProgress, byUserId: T.agent), T.start + 12),
            (.assign(userId: T.agent, byUserId: T.agent), T.start + 13),
            (.queueOutbound(messageId: messageId, content: button, sentById: T.agent), T.start + 14),
            (.recordSent(messageId: messageId, wamid: "wamid.OUT", pending: nil), T.start + 15),
            (
                .applyStatus(
                    StatusReport(
                        provider: .meta, wamid: "wamid.OUT", status: .delivered, timestamp: T.start + 16)),
                T.start + 16
            ),
            (.markReadByAgent(userId: T.agent), T.start + 17),
            (.changePriority(.high, byUserId: T.agent), T.start + 18),
            (
                .transfer(
                    transferId: UUID(), toUserId: T.otherAgent, toDepartmentId: T.department,
                    reason: "Especialista", byUserId: T.agent), T.start + 19
            ),
            (
                .applyStatus(
                    StatusReport(provider: .meta, wamid: "wamid.OUT", status: .read, timestamp: T.start + 20)),
                T.start + 20
            ),
            (.close(notes: "Resolvido", byUserId: T.otherAgent), T.start + 21),
            (.rate(score: 4, comment: "Bom"), T.start + 22),
            (.reopen(byUserId: T.agent, openConversationExists: false), T.start + 23),
        ]
    }

    @Test func foldingDecidedEventsReproducesTheStateEveryStep() throws {
        var timeline = try T.openedByInbound()
        var incremental = timeline.state
        for (command, now) in Self.script(messageId: UUID()) {
            let seen = timeline.state
            #expect(seen == incremental)
            let decision = try timeline.run(command, at: now)
            #expect(!decision.events.isEmpty, "\(command) decided nothing")
            incremental = decision.domainEvents.reduce(incremental, Conversation.evolve)
            #expect(Conversation.fold(timeline.events) == incremental)
            // the same command against the state it produced is either refused or a no-op,
            // never a second copy of its events
            if let again = try? Conversation.decide(command, state: incremental, now: now) {
                #expect(again.domainEvents != decision.domainEvents, "\(command) repeated its events")
            }
        }
        #expect(incremental?.status == .open)
    }

    @Test func replayThroughTheCodecGivesTheSameState() throws {
        var timeline = try T.openedByInbound()
        for (command, now) in Self.script(messageId: UUID()) { try timeline.run(command, at: now) }
        let stored = try timeline.events.map(DomainCodec.encode)
        let replayed = try stored.map {
            try DomainCodec.decode(type: $0.type, payload: $0.payload, personal: $0.personal)
        }
        #expect(Conversation.fold(replayed) == timeline.state)
    }

    @Test func replayOfAnErasedStreamStillFoldsEveryMessageAndStatus() throws {
        var timeline = try T.openedByInbound()
        for (command, now) in Self.script(messageId: UUID()) { try timeline.run(command, at: now) }
        let erased = try timeline.events.map(DomainCodec.encode).map {
            try DomainCodec.decode(type: $0.type, payload: $0.payload, personal: nil)
        }
        #expect(Conversation.fold(erased) == timeline.state)
    }
}
