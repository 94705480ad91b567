import Domain
import Foundation
import Testing

@Suite struct ServiceWindowTests {
    typealias T = ConversationTimeline
    let day = Conversation.serviceWindowMilliseconds
    let template = OutboundContent.template(
        TemplateContent(name: "retomar_conversa", languageCode: "pt_BR", parameters: []))

    @Test func freeFormIsAllowedUpToTheLastMillisecondOfTheWindow() throws {
        var timeline = try T.openedByInbound()
        let decision = try timeline.run(
            .queueOutbound(messageId: UUID(), content: .text(body: "Olá!"), sentById: T.agent),
            at: T.start + day - 1)
        #expect(decision.domainEvents.map(\.type) == [OutboundMessageQueued.type])
    }

    @Test func freeFormIsRefusedOnceTwentyFourHoursHavePassed() throws {
        var timeline = try T.openedByInbound()
        expectDomainError(.windowClosed, field: "type") {
            try timeline.run(
                .queueOutbound(messageId: UUID(), content: .text(body: "Olá!"), sentById: T.agent),
                at: T.start + day)
        }
        let media = OutboundContent.media(MediaContent(kind: .image, url: "https://cdn.example.com/a.jpg"))
        expectDomainError(.windowClosed, field: "type") {
            try timeline.run(
                .queueOutbound(messageId: UUID(), content: media, sentById: T.agent), at: T.start + 2 * day)
        }
    }

    @Test func templatesAreAllowedOutsideTheWindow() throws {
        var timeline = try T.openedByInbound()
        let decision = try timeline.run(
            .queueOutbound(messageId: UUID(), content: template, sentById: T.agent), at: T.start + 3 * day)
        #expect(decision.domainEvents.map(\.type) == [OutboundMessageQueued.type])
    }

    @Test func aNewInboundMessageReopensTheWindow() throws {
        var timeline = try T.openedByInbound()
        try timeline.run(
            .receive(T.inbound(wamid: "wamid.IN2", at: T.start + 2 * day)), at: T.start + 2 * day)
        try timeline.run(
            .queueOutbound(messageId: UUID(), content: .text(body: "De volta!"), sentById: T.agent),
            at: T.start + 2 * day + 10)
    }

    @Test func windowFollowsTheLatestInboundEvenIfMessagesArriveOutOfOrder() throws {
        var timeline = try T.openedByInbound()
        try timeline.run(.receive(T.inbound(wamid: "wamid.OLD", at: T.start - day)), at: T.start + 5)
        #expect(timeline.state?.lastInboundAt == T.start)
    }

    @Test func agentOpenedConversationWithoutInboundAllowsOnlyTemplates() throws {
        var timeline = ConversationTimeline()
        try timeline.run(
            .open(
                conversationId: T.conversation, tenantId: T.tenant, contactId: T.contact, byUserId: T.agent,
                departmentId: nil, openConversationExists: false), at: T.start)
        expectDomainError(.windowClosed, field: "type") {
            try timeline.run(
                .queueOutbound(messageId: UUID(), content: .text(body: "Olá"), sentById: T.agent), at: T.start
            )
        }
        try timeline.run(.queueOutbound(messageId: UUID(), content: template, sentById: T.agent), at: T.start)
    }

    @Test func invalidContentIsReportedBeforeTheWindow() throws {
        var timeline = try T.openedByInbound()
        expectDomainError(.validation, field: "content", limit: 4096) {
            try timeline.run(
                .queueOutbound(
                    messageId: UUID(), content: .text(body: String(repeating: "x", count: 4097)),
                    sentById: nil),
                at: T.start + 5 * day)
        }
    }
}
