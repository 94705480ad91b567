import Domain
import Foundation
import Testing

@Suite struct InboundRoutingTests {
    typealias T = ConversationTimeline
    let hmacKey = Array("phone-key-secret".utf8)
    var phoneKey: String { UniqueKeys.phone(tenantId: T.tenant, phone: "5511999999999", hmacKey: hmacKey) }

    func firstMessage(from body: [UInt8]) throws -> InboundMessage {
        guard case .message(let message) = try MetaWebhookTranslator.translate(body).allItems.first else {
            throw DomainError(.notFound, message: "no message in body")
        }
        return message
    }

    var body: [UInt8] {
        WebhookBodies.meta(messages: [
            WebhookBodies.metaMessage(id: "wamid.FIRST", type: "text", object: #"{"body":"Oi"}"#)
        ])
    }

    @Test func firstMessageOfAnUnknownNumberRegistersTheContactAndOpensAConversation() throws {
        let message = try firstMessage(from: body)
        let decision = try InboundRouting.decide(
            message, tenantId: T.tenant, contact: nil, phoneKey: phoneKey, openConversation: nil, now: T.start
        )
        #expect(
            decision.streams.map(\.stream) == [
                Streams.contact(decision.contactId), Streams.conversation(decision.conversationId),
            ])
        #expect(decision.streams.allSatisfy { $0.isNewStream })
        #expect(decision.streams[0].events.map(\.event.type) == [ContactRegistered.type])
        #expect(
            decision.streams[1].events.map(\.event.type) == [ConversationOpened.type, MessageReceived.type])
        #expect(
            decision.keyChanges == [
                .reserve(key: phoneKey, stream: Streams.contact(decision.contactId)),
                .reserve(
                    key: UniqueKeys.openConversation(decision.contactId),
                    stream: Streams.conversation(decision.conversationId)),
                .reserve(
                    key: UniqueKeys.wamid("wamid.FIRST"),
                    stream: Streams.conversation(decision.conversationId)),
            ])
        #expect(decision.streams.flatMap(\.events).allSatisfy { $0.id != nil })
        guard case .contactRegistered(let registered) = decision.streams[0].events[0].event else {
            Issue.record("expected .contactRegistered")
            return
        }
        #expect(registered.personal == .init(phone: "5511999999999", name: "João Silva"))
    }

    @Test func redeliveredWebhookYieldsIdenticalIds() throws {
        let first = try InboundRouting.decide(
            try firstMessage(from: body), tenantId: T.tenant, contact: nil, phoneKey: phoneKey,
            openConversation: nil,
            now: T.start)
        let again = try InboundRouting.decide(
            try firstMessage(from: body), tenantId: T.tenant, contact: nil, phoneKey: phoneKey,
            openConversation: nil,
            now: T.start + 30_000)
        #expect(
            first.streams.flatMap { $0.events.map(\.id) } == again.streams.flatMap { $0.events.map(\.id) })
        #expect(first.contactId == again.contactId)
        #expect(first.conversationId == again.conversationId)
        #expect(
            try MetaWebhookTranslator.translate(body).rawEventId
                == MetaWebhookTranslator.translate(body).rawEventId)
    }

    @Test func redeliveryToTheConversationThatHasTheMessageAppendsNothing() throws {
        let message = try firstMessage(from: body)
        let first = try InboundRouting.decide(
            message, tenantId: T.tenant, contact: nil, phoneKey: phoneKey, openConversation: nil, now: T.start
        )
        let contact = Contact.fold(first.streams[0].events.map(\.event))
        let conversation = Conversation.fold(first.streams[1].events.map(\.event))
        let again = try InboundRouting.decide(
            message, tenantId: T.tenant, contact: contact, phoneKey: phoneKey, openConversation: conversation,
            now: T.start + 1)
        #expect(again.isEmpty)
        #expect(again.conversationId == first.conversationId)
    }

    @Test func nextMessageGoesToTheOpenConversation() throws {
        let first = try InboundRouting.decide(
            try firstMessage(from: body), tenantId: T.tenant, contact: nil, phoneKey: phoneKey,
            openConversation: nil, now: T.start)
        let contact = Contact.fold(first.streams[0].events.map(\.event))
        let conversation = Conversation.fold(first.streams[1].events.map(\.event))
        let second = T.inbound(wamid: "wamid.SECOND", at: T.start + 60_000)
        let decision = try InboundRouting.decide(
            second, tenantId: T.tenant, contact: contact, phoneKey: phoneKey, openConversation: conversation,
            now: T.start + 60_000)
        #expect(decision.conversationId == first.conversationId)
        #expect(
            decision.streams.map(\.stream) == [
                Streams.contact(first.contactId), Streams.conversation(first.conversationId),
            ])
        #expect(decision.streams[0].events.map(\.event.type) == [ContactProfileUpdated.type])
        #expect(decision.streams[1].events.map(\.event.type) == [MessageReceived.type])
        #expect(decision.streams[1].isNewStream == false)
    }

    @Test func newInboundAfterCloseOpensANewConversation() throws {
        let first = try InboundRouting.decide(
            try firstMessage(from: body), tenantId: T.tenant, contact: nil, phoneKey: phoneKey,
            openConversation: nil, now: T.start)
        let contact = Contact.fold(first.streams[0].events.map(\.event))
        var events = first.streams[1].events.map(\.event)
        let close = try Conversation.decide(
            .close(notes: nil, byUserId: nil), state: Conversation.fold(events), now: T.start + 10)
        events += close.domainEvents
        let closed = Conversation.fold(events)
        let later = T.inbound(wamid: "wamid.LATER", at: T.start + 100_000, text: "Oi de novo")
        // the API found no open-conversation key (released by the close) and passes nil
        let decision = try InboundRouting.decide(
            later, tenantId: T.tenant, contact: contact, phoneKey: phoneKey, openConversation: nil,
            now: T.start + 100_000)
        #expect(decision.conversationId != first.conversationId)
        #expect(decision.contactId == first.contactId)
        #expect(decision.streams.last?.isNewStream == true)
        #expect(
            decision.streams.last?.events.map(\.event.type) == [
                ConversationOpened.type, MessageReceived.type,
            ])
        #expect(
            decision.keyChanges.contains(
                .reserve(
                    key: UniqueKeys.openConversation(first.contactId),
                    stream: Streams.conversation(decision.conversationId))))
        // even if handed the closed one, it never appends to it
        let handedClosed = try InboundRouting.decide(
            later, tenantId: T.tenant, contact: contact, phoneKey: phoneKey, openConversation: closed,
            now: T.start + 100_000)
        #expect(handedClosed.conversationId == decision.conversationId)
    }

    @Test func messageFromThePhoneIsRecordedAsSentOutbound() throws {
        let body = WebhookBodies.evolutionUpsert(
            id: "3EB0AA", fromMe: true, message: #"{"conversation":"Bom dia!"}"#)
        guard
            case .phoneOutbound(let message) = try EvolutionWebhookTranslator.translate(
                body, receivedAt: T.start
            ).allItems.first
        else {
            Issue.record("not a phone message")
            return
        }
        let decision = try InboundRouting.decide(
            message, tenantId: T.tenant, contact: nil, phoneKey: phoneKey, openConversation: nil, now: T.start
        )
        let conversationEvents = try #require(decision.streams.last).events.map(\.event)
        #expect(
            conversationEvents.map(\.type) == [
                ConversationOpened.type, OutboundMessageQueued.type, OutboundMessageSent.type,
            ])
        let state = try #require(Conversation.fold(conversationEvents))
        let sent = try #require(state.message(wamid: "3EB0AA"))
        #expect(sent.direction == .outbound)
        #expect(sent.origin == .phone)
        #expect(sent.status == .sent)
    }
}
