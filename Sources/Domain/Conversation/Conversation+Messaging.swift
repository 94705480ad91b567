import Foundation

extension Conversation {
    func decideMessaging(_ command: ConversationCommand, now: Int64) throws -> Decision {
        switch command {
        case .receive(let message):
            return try receive(message, now: now)
        case .queueOutbound(let messageId, let content, let sentById):
            return try queueOutbound(messageId: messageId, content: content, sentById: sentById, now: now)
        case .recordPhoneOutbound(let message):
            return recordPhoneOutbound(message)
        case .recordSent(let messageId, let wamid, let pending):
            return try recordSent(messageId: messageId, wamid: wamid, pending: pending, now: now)
        case .recordSendFailure(let messageId, let failure):
            guard let message = messages[messageId] else { throw DomainError.notFound("message") }
            if message.status == .failed { return .none }
            return Decision([
                .messageFailed(
                    MessageFailed(conversationId: id, messageId: messageId, at: now, failure: failure))
            ])
        case .applyStatus(let report):
            guard let message = message(wamid: report.wamid) else { throw DomainError.notFound("message") }
            return Decision(
                events: statusEvents(
                    for: message, observed: [(report.status, report.timestamp, report.failure)]))
        case .markReadByAgent(let userId):
            if unreadCount == 0 { return .none }
            return Decision([
                .messagesReadByAgent(MessagesReadByAgent(conversationId: id, userId: userId, at: now))
            ])
        default:
            throw DomainError.invalidState("not a messaging command")
        }
    }

    private func receive(_ message: InboundMessage, now: Int64) throws -> Decision {
        let messageId = message.messageId
        if messages[messageId] != nil { return .none }
        try requireOpen()
        let received = MessageReceived(
            conversationId: id, contactId: contactId, messageId: messageId, wamid: message.wamid,
            messageType: message.type, providerTimestamp: message.timestamp,
            replyToWamid: message.replyToWamid,
            receivedAt: now, personal: message.content)
        return Decision(
            events: [
                DecidedEvent(
                    .messageReceived(received),
                    id: EventIDs.derived(
                        provider: message.provider, wamid: message.wamid, kind: MessageReceived.type))
            ],
            keyChanges: [.reserve(key: UniqueKeys.wamid(message.wamid), stream: Streams.conversation(id))])
    }

    private func queueOutbound(messageId: UUID, content: OutboundContent, sentById: UUID?, now: Int64) throws
        -> Decision
    {
        if messages[messageId] != nil { return .none }
        try requireOpen()
        try content.validate()
        if content.kind != .template && !isServiceWindowOpen(at: now) {
            throw DomainError(
                .windowClosed, field: "type",
                message: "more than 24 hours since the contact's last message: only templates can be sent")
        }
        let queued = OutboundMessageQueued(
            conversationId: id, contactId: contactId, messageId: messageId, kind: content.kind,
            sentById: sentById,
            origin: .agent, at: now, personal: content)
        return Decision([.outboundMessageQueued(queued)])
    }

    private func recordPhoneOutbound(_ message: PhoneOutboundMessage) -> Decision {
        let messageId = message.messageId
        if messages[messageId] != nil { return .none }
        let queued = OutboundMessageQueued(
            conversationId: id, contactId: contactId, messageId: messageId, kind: message.content.kind,
            sentById: nil, origin: .phone, at: message.timestamp, personal: message.content)
        let sent = OutboundMessageSent(
            conversationId: id, messageId: messageId, wamid: message.wamid, at: message.timestamp)
        let provider = message.provider
        return Decision(
            events: [
                DecidedEvent(
                    .outboundMessageQueued(queued),
                    id: EventIDs.derived(
                        provider: provider, wamid: message.wamid, kind: OutboundMessageQueued.type)),
                DecidedEvent(
                    .outboundMessageSent(sent),
                    id: EventIDs.derived(
                        provider: provider, wamid: message.wamid, kind: OutboundMessageSent.type)),
            ],
            keyChanges: [.reserve(key: UniqueKeys.wamid(message.wamid), stream: Streams.conversation(id))])
    }

    private func recordSent(messageId: UUID, wamid: String, pending: WamidStatuses?, now: Int64) throws
        -> Decision
    {
        guard var message = messages[messageId] else { throw DomainError.notFound("message") }
        if message.wamid != nil { return .none }
        if message.direction != .outbound { throw DomainError.invalidState("not an outbound message") }
        var events: [DecidedEvent] = []
        if message.status < .sent {
            events.append(
                DecidedEvent(
                    .outboundMessageSent(
                        OutboundMessageSent(conversationId: id, messageId: messageId, wamid: wamid, at: now)))
            )
            message.status = .sent
        }
        message.wamid = wamid
        events += statusEvents(
            for: message, observed: (pending?.pending ?? []).map { ($0.status, $0.at, $0.failure) })
        let link = WamidLinked(wamid: wamid, conversationId: id, messageId: messageId)
        return Decision(
            events: events,
            keyChanges: [.reserve(key: UniqueKeys.wamid(wamid), stream: Streams.conversation(id))],
            otherStreams: [
                StreamDecision(
                    stream: Streams.wamid(wamid), isNewStream: pending == nil,
                    events: [
                        DecidedEvent(
                            .wamidLinked(link),
                            id: NameBasedID.make(provider: "link", providerId: wamid, kind: "WamidLinked"))
                    ])
            ])
    }

    /// The events that move `message` forward given statuses `observed` in any order: only the
    /// highest-ranked status that beats the current one is recorded (failed beats all), so
    /// every arrival order ends in the same status.
    func statusEvents(
        for message: ConversationMessage,
        observed: [(status: DeliveryStatus, at: Int64, failure: DeliveryFailure?)]
    ) -> [DecidedEvent] {
        guard message.direction == .outbound, let wamid = message.wamid else { return [] }
        guard let best = observed.max(by: { $0.status < $1.status }), best.status > message.status else {
            return []
        }
        let eventId = EventIDs.status(wamid: wamid, status: best.status)
        switch best.status {
        case .queued, .sent:
            return []
        case .delivered:
            return [
                DecidedEvent(
                    .messageDelivered(
                        MessageDelivered(
                            conversationId: id, messageId: message.id, wamid: wamid, at: best.at)),
                    id: eventId)
            ]
        case .read:
            return [
                DecidedEvent(
                    .messageRead(
                        MessageRead(
                            conversationId: id, messageId: message.id, wamid: wamid, at: best.at)),
                    id: eventId)
            ]
        case .failed:
            let failure = best.failure ?? DeliveryFailure(code: 0, title: "Failed")
            return [
                DecidedEvent(
                    .messageFailed(
                        MessageFailed(
                            conversationId: id, messageId: message.id, wamid: wamid, at: best.at,
                            failure: failure)),
                    id: eventId)
            ]
        }
    }
}
