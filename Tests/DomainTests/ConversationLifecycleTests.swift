import Domain
import Foundation
import Testing

@Suite struct ConversationLifecycleTests {
    typealias T = ConversationTimeline
    let now = T.start + 60_000

    @Test func agentOpensAConversationAndReservesTheOpenKey() throws {
        var timeline = ConversationTimeline()
        let decision = try timeline.run(
            .open(
                conversationId: T.conversation, tenantId: T.tenant, contactId: T.contact, byUserId: T.agent,
                departmentId: T.department, openConversationExists: false), at: now)
        #expect(
            decision.keyChanges == [
                .reserve(
                    key: UniqueKeys.openConversation(T.contact), stream: Streams.conversation(T.conversation))
            ])
        #expect(decision.domainEvents.map(\.type) == [ConversationOpened.type, ConversationAssigned.type])
        let state = try #require(timeline.state)
        #expect(state.status == .open)
        #expect(state.priority == .medium)
        #expect(state.assignedUserId == T.agent)
        #expect(state.departmentId == T.department)
    }

    @Test func openingWhileTheContactHasAnOpenConversationConflicts() {
        expectDomainError(.conflict, field: "contactId") {
            _ = try Conversation.decide(
                .open(
                    conversationId: T.conversation, tenantId: T.tenant, contactId: T.contact, byUserId: nil,
                    departmentId: nil, openConversationExists: true), state: nil, now: now)
        }
    }

    @Test func statusPriorityTagsAndAssignmentChange() throws {
        var timeline = try T.openedByInbound()
        try timeline.run(.changeStatus(.inProgress, byUserId: T.agent), at: now)
        try timeline.run(.changePriority(.urgent, byUserId: T.agent), at: now)
        let tagB = UUID(uuidString: "00000000-0000-4000-8000-00000000000b")!
        let tagA = UUID(uuidString: "00000000-0000-4000-8000-00000000000a")!
        try timeline.run(.changeTags([tagB, tagA, tagB], byUserId: T.agent), at: now)
        try timeline.run(.assign(userId: T.agent, byUserId: T.otherAgent), at: now)
        var state = try #require(timeline.state)
        #expect(state.status == .inProgress)
        #expect(state.priority == .urgent)
        #expect(state.tagIds == [tagA, tagB])
        #expect(state.assignedUserId == T.agent)
        #expect(try timeline.run(.changeStatus(.inProgress, byUserId: nil), at: now) == .none)
        #expect(try timeline.run(.changeTags([tagA, tagB], byUserId: nil), at: now) == .none)
        try timeline.run(.assign(userId: nil, byUserId: T.agent), at: now)
        state = try #require(timeline.state)
        #expect(state.assignedUserId == nil)
    }

    @Test func moreThanTwentyTagsIsRejected() throws {
        var timeline = try T.openedByInbound()
        let tags = (0..<21).map { _ in UUID() }
        try timeline.run(.changeTags(Array(tags.prefix(20)), byUserId: nil), at: now)
        expectDomainError(.validation, field: "tagIds", limit: 20) {
            try timeline.run(.changeTags(tags, byUserId: nil), at: now)
        }
    }

    @Test func transferToADepartmentLeavesItUnassignedInThatQueue() throws {
        var timeline = try T.openedByInbound()
        try timeline.run(.assign(userId: T.agent, byUserId: T.agent), at: now)
        let transferId = UUID(uuidString: "00000000-0000-4000-8000-000000000071")!
        let decision = try timeline.run(
            .transfer(
                transferId: transferId, toUserId: nil, toDepartmentId: T.department,
                reason: "Cliente solicitou especialista", byUserId: T.agent), at: now)
        guard case .conversationTransferred(let transferred) = decision.domainEvents.first else {
            Issue.record("no transfer event")
            return
        }
        #expect(transferred.fromUserId == T.agent)
        #expect(transferred.toDepartmentId == T.department)
        #expect(transferred.personal?.reason == "Cliente solicitou especialista")
        let state = try #require(timeline.state)
        #expect(state.assignedUserId == nil)
        #expect(state.departmentId == T.department)
    }

    @Test func transferToAnAgentAssignsThem() throws {
        var timeline = try T.openedByInbound()
        try timeline.run(
            .transfer(
                transferId: UUID(), toUserId: T.otherAgent, toDepartmentId: nil, reason: "Férias",
                byUserId: T.agent), at: now)
        #expect(timeline.state?.assignedUserId == T.otherAgent)
    }

    @Test func transferNeedsATargetAndAReason() throws {
        var timeline = try T.openedByInbound()
        expectDomainError(.validation, field: "toUserId") {
            try timeline.run(
                .transfer(transferId: UUID(), toUserId: nil, toDepartmentId: nil, reason: "x", byUserId: nil),
                at: now)
        }
        expectDomainError(.validation, field: "reason") {
            try timeline.run(
                .transfer(
                    transferId: UUID(), toUserId: T.agent, toDepartmentId: nil, reason: " ", byUserId: nil),
                at: now)
        }
        try timeline.run(
            .transfer(
                transferId: UUID(), toUserId: T.agent, toDepartmentId: nil,
                reason: String(repeating: "r", count: 500), byUserId: nil), at: now)
        expectDomainError(.validation, field: "reason", limit: 500) {
            try timeline.run(
                .transfer(
                    transferId: UUID(), toUserId: T.otherAgent, toDepartmentId: nil,
                    reason: String(repeating: "r", count: 501), byUserId: nil), at: now)
        }
    }

    @Test func closeReleasesTheOpenKeyAndBlocksWork() throws {
        var timeline = try T.openedByInbound()
        let decision = try timeline.run(.close(notes: "Cliente satisfeito", byUserId: T.agent), at: now)
        #expect(
            decision.keyChanges == [
                .release(
                    key: UniqueKeys.openConversation(T.contact), stream: Streams.conversation(T.conversation))
            ])
        let state = try #require(timeline.state)
        #expect(state.status == .closed)
        #expect(state.closedAt == now)
        #expect(try timeline.run(.close(notes: nil, byUserId: nil), at: now) == .none)
        expectDomainError(.conflict, field: "status") {
            try timeline.run(.assign(userId: T.agent, byUserId: nil), at: now)
        }
        expectDomainError(.conflict, field: "status") {
            try timeline.run(
                .queueOutbound(messageId: UUID(), content: .text(body: "oi"), sentById: T.agent), at: now)
        }
        expectDomainError(.conflict, field: "status") {
            try timeline.run(.changeStatus(.waiting, byUserId: nil), at: now)
        }
    }

    @Test func closeNotesAreLimited() throws {
        var timeline = try T.openedByInbound()
        expectDomainError(.validation, field: "notes", limit: 2000) {
            try timeline.run(.close(notes: String(repeating: "n", count: 2001), byUserId: nil), at: now)
        }
        try timeline.run(.close(notes: String(repeating: "n", count: 2000), byUserId: nil), at: now)
    }

    @Test func changingStatusToClosedCloses() throws {
        var timeline = try T.openedByInbound()
        let decision = try timeline.run(.changeStatus(.closed, byUserId: T.agent), at: now)
        #expect(decision.domainEvents.map(\.type) == [ConversationClosed.type])
    }

    @Test func reopenIsRefusedWhileTheContactHasAnotherOpenConversation() throws {
        var timeline = try T.openedByInbound()
        try timeline.run(.close(notes: nil, byUserId: nil), at: now)
        expectDomainError(.conflict, field: "contactId") {
            try timeline.run(.reopen(byUserId: T.agent, openConversationExists: true), at: now)
        }
        let decision = try timeline.run(
            .reopen(byUserId: T.agent, openConversationExists: false), at: now + 1)
        #expect(
            decision.keyChanges == [
                .reserve(
                    key: UniqueKeys.openConversation(T.contact), stream: Streams.conversation(T.conversation))
            ])
        #expect(timeline.state?.status == .open)
        #expect(timeline.state?.closedAt == nil)
    }

    @Test func ratingOnlyWhenClosedOnceAndWithinOneToFive() throws {
        var timeline = try T.openedByInbound()
        expectDomainError(.conflict, field: "status") {
            try timeline.run(.rate(score: 5, comment: nil), at: now)
        }
        try timeline.run(.close(notes: nil, byUserId: nil), at: now)
        expectDomainError(.validation, field: "score", limit: 1) {
            try timeline.run(.rate(score: 0, comment: nil), at: now)
        }
        expectDomainError(.validation, field: "score", limit: 5) {
            try timeline.run(.rate(score: 6, comment: nil), at: now)
        }
        expectDomainError(.validation, field: "comment", limit: 1000) {
            try timeline.run(.rate(score: 5, comment: String(repeating: "c", count: 1001)), at: now)
        }
        try timeline.run(.rate(score: 1, comment: String(repeating: "c", count: 1000)), at: now)
        #expect(timeline.state?.rating == 1)
        expectDomainError(.conflict, field: "score") {
            try timeline.run(.rate(score: 5, comment: nil), at: now)
        }
    }

    @Test func topScoreIsAccepted() throws {
        var timeline = try T.openedByInbound()
        try timeline.run(.close(notes: nil, byUserId: nil), at: now)
        try timeline.run(.rate(score: 5, comment: "Excelente atendimento!"), at: now)
        #expect(timeline.state?.rating == 5)
    }

    @Test func agentReadResetsUnreadCount() throws {
        var timeline = try T.openedByInbound()
        try timeline.run(.receive(T.inbound(wamid: "wamid.IN2", at: T.start + 5)), at: now)
        #expect(timeline.state?.unreadCount == 2)
        let decision = try timeline.run(.markReadByAgent(userId: T.agent), at: now)
        #expect(
            decision.domainEvents == [
                .messagesReadByAgent(
                    MessagesReadByAgent(conversationId: T.conversation, userId: T.agent, at: now))
            ])
        #expect(timeline.state?.unreadCount == 0)
        #expect(try timeline.run(.markReadByAgent(userId: T.agent), at: now) == .none)
    }

    @Test func commandsOnAMissingConversationAreNotFound() {
        expectDomainError(.notFound, field: nil) {
            _ = try Conversation.decide(.close(notes: nil, byUserId: nil), state: nil, now: now)
        }
    }
}
