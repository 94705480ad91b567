import Foundation

extension Conversation {
    /// Folds one event; events of other aggregates leave the state unchanged.
    public static func evolve(_ state: Conversation?, _ event: DomainEvent) -> Conversation? {
        if case .conversationOpened(let opened) = event {
            return Conversation(
                id: opened.conversationId, tenantId: opened.tenantId, contactId: opened.contactId,
                departmentId: opened.departmentId, assignedUserId: nil, openedAt: opened.at)
        }
        guard var conversation = state else { return state }
        conversation.apply(event)
        return conversation
    }

    /// Folds one event in place: the message table is not copied.
    public static func fold(into state: inout Conversation?, _ event: DomainEvent) {
        if case .conversationOpened = event {
            state = evolve(nil, event)
        } else {
            state?.apply(event)
        }
    }

    /// Folds one event into this conversation in place. Same result as `evolve`, without
    /// copying the message table: use it when folding long streams.
    public mutating func apply(_ event: DomainEvent) {
        switch event {
        case .conversationStatusChanged(let changed): status = changed.to
        case .conversationPriorityChanged(let changed): priority = changed.priority
        case .conversationTagsChanged(let changed): tagIds = changed.tagIds
        case .conversationAssigned(let assigned): assignedUserId = assigned.userId
        case .conversationTransferred(let transferred):
            assignedUserId = transferred.toUserId
            departmentId = transferred.toDepartmentId ?? departmentId
        case .conversationClosed(let closed):
            status = .closed
            closedAt = closed.at
        case .conversationReopened:
            status = .open
            closedAt = nil
            rating = nil
        case .conversationRated(let rated): rating = rated.score
        case .messageReceived(let received): applyReceived(received)
        case .outboundMessageQueued(let queued):
            messages[queued.messageId] = ConversationMessage(
                id: queued.messageId, direction: .outbound, outboundKind: queued.kind, origin: queued.origin,
                status: .queued, createdAt: queued.at)
            lastMessageAt = max(lastMessageAt ?? queued.at, queued.at)
        case .outboundMessageSent(let sent):
            updateMessage(sent.messageId) {
                $0.wamid = sent.wamid
                $0.sentAt = sent.at
                $0.status = max($0.status, .sent)
            }
            messageIdsByWamid[sent.wamid] = sent.messageId
        case .messageDelivered(let delivered):
            updateMessage(delivered.messageId) {
                $0.deliveredAt = delivered.at
                $0.status = max($0.status, .delivered)
            }
        case .messageRead(let read):
            updateMessage(read.messageId) {
                $0.readAt = read.at
                $0.status = max($0.status, .read)
            }
        case .messageFailed(let failed):
            updateMessage(failed.messageId) {
                $0.failedAt = failed.at
                $0.failure = failed.failure
                $0.status = .failed
            }
        case .messagesReadByAgent: unreadCount = 0
        default: break
        }
    }

    private mutating func applyReceived(_ received: MessageReceived) {
        messages[received.messageId] = ConversationMessage(
            id: received.messageId, direction: .inbound, inboundType: received.messageType,
            status: .delivered,
            wamid: received.wamid, createdAt: received.receivedAt)
        messageIdsByWamid[received.wamid] = received.messageId
        lastInboundAt = max(lastInboundAt ?? received.providerTimestamp, received.providerTimestamp)
        lastMessageAt = max(lastMessageAt ?? received.providerTimestamp, received.providerTimestamp)
        unreadCount += 1
    }

    private mutating func updateMessage(_ id: UUID, _ change: (inout ConversationMessage) -> Void) {
        guard var message = messages[id] else { return }
        change(&message)
        messages[id] = message
    }
}
