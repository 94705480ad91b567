import Domain
import Foundation

extension ProjectionState {
    /// Folds one decoded event into the rows. Only event data goes in (never the clock).
    func apply(_ event: DomainEvent, recorded: EventOrigin) {
        let tenant = recorded.tenant
        let erased = recorded.erased
        let position = Int64(recorded.position)
        switch event {
        case .tenantRegistered(let e):
            withTenant(e.tenantId) {
                $0.name = e.name
                $0.slug = e.slug
                $0.createdAt = recorded.occurredAt
            }
        case .whatsAppChannelConfigured(let e):
            withTenant(e.tenantId) {
                $0.channelProvider = e.provider.rawValue
                $0.channelStatus = ChannelStatus(provider: e.provider, connection: nil).rawValue
                $0.channelStatusAt = recorded.occurredAt
            }
        case .channelStatusChanged(let e):
            withTenant(e.tenantId) {
                let provider = $0.channelProvider.flatMap(ChannelProvider.init(rawValue:)) ?? .evolution
                $0.channelStatus = ChannelStatus(provider: provider, connection: e.state).rawValue
                $0.channelStatusAt = e.at
            }
        case .userCreated(let e):
            var row = users[e.userId] ?? UserRow(key: e.userId, tenantId: e.tenantId)
            row.name = e.name
            row.email = e.email
            row.role = e.role.rawValue
            row.departmentId = e.departmentId
            row.active = true
            row.createdAt = recorded.occurredAt
            users.put(row)
        case .userRoleChanged(let e):
            users.update(e.userId) { $0.role = e.role.rawValue }
        case .userDepartmentChanged(let e):
            users.update(e.userId) { $0.departmentId = e.departmentId }
        case .userActivated(let e):
            users.update(e.userId) { $0.active = true }
        case .userDeactivated(let e):
            users.update(e.userId) { $0.active = false }
        case .userPasswordChanged:
            break
        case .departmentCreated(let e):
            var row = departments[e.departmentId] ?? DepartmentRow(key: e.departmentId, tenantId: e.tenantId)
            row.createdAt = recorded.occurredAt
            fill(
                &row, name: e.name, color: e.color, max: e.maxConcurrentPerAgent,
                minutes: e.expectedResponseMinutes)
            departments.put(row)
        case .departmentUpdated(let e):
            departments.update(e.departmentId) {
                fill(
                    &$0, name: e.name, color: e.color, max: e.maxConcurrentPerAgent,
                    minutes: e.expectedResponseMinutes)
            }
        case .tagCreated(let e):
            var row = TagRow(key: e.tagId, tenantId: e.tenantId)
            row.name = e.name
            row.color = e.color
            row.createdAt = recorded.occurredAt
            tags.put(row)
        case .contactRegistered(let e):
            var row = contacts[e.contactId] ?? ContactRow(key: e.contactId, tenantId: e.tenantId)
            row.createdAt = row.createdAt ?? recorded.occurredAt
            if erased {
                row.phone = Self.erasedMarker
                row.name = Self.erasedMarker
            } else if let personal = e.personal {
                row.phone = personal.phone
                row.name = personal.name
            }
            contacts.put(row)
        case .contactProfileUpdated(let e):
            contacts.update(e.contactId) {
                if erased {
                    $0.name = Self.erasedMarker
                } else if let personal = e.personal {
                    $0.name = personal.name
                }
            }
        case .contactErased(let e):
            erase(contact: e.contactId)
        case .conversationOpened(let e):
            var row = ConversationRow(
                key: e.conversationId, tenantId: e.tenantId, contactId: e.contactId, createdAt: e.at)
            row.departmentId = e.departmentId
            conversations.put(row)
        case .conversationStatusChanged(let e):
            conversations.update(e.conversationId) { $0.status = e.to.rawValue }
        case .conversationPriorityChanged(let e):
            conversations.update(e.conversationId) { $0.priority = e.priority.rawValue }
        case .conversationTagsChanged(let e):
            conversations.update(e.conversationId) { $0.tagIds = e.tagIds }
        case .conversationAssigned(let e):
            conversations.update(e.conversationId) { $0.assignedToId = e.userId }
        case .conversationTransferred(let e):
            transfers.put(
                TransferRow(
                    key: e.transferId, tenantId: tenant, conversationId: e.conversationId,
                    fromUserId: e.fromUserId,
                    toUserId: e.toUserId, fromDepartmentId: e.fromDepartmentId,
                    toDepartmentId: e.toDepartmentId,
                    reason: erased ? Self.erasedMarker : e.personal?.reason, byUserId: e.byUserId, at: e.at,
                    position: position))
            conversations.update(e.conversationId) {
                $0.assignedToId = e.toUserId
                if let department = e.toDepartmentId { $0.departmentId = department }
            }
        case .conversationClosed(let e):
            conversations.update(e.conversationId) {
                $0.status = "CLOSED"
                $0.closedAt = e.at
            }
        case .conversationReopened(let e):
            conversations.update(e.conversationId) {
                $0.status = "OPEN"
                $0.closedAt = nil
                // A reopened conversation awaits a new rating; the old one stays in `ratings`.
                $0.rating = nil
                $0.ratingComment = nil
            }
        case .conversationRated(let e):
            let comment = erased ? Self.erasedMarker : e.personal?.comment
            let conversation = conversations[e.conversationId]
            conversations.update(e.conversationId) {
                $0.rating = Int64(e.score)
                $0.ratingComment = comment
            }
            ratings.put(
                RatingRow(
                    key: e.conversationId, tenantId: tenant, score: Int64(e.score), comment: comment,
                    agentId: conversation?.assignedToId, departmentId: conversation?.departmentId,
                    ratedAt: e.at))
        case .messageReceived(let e):
            applyInbound(e, recorded: recorded, erased: erased)
        case .outboundMessageQueued(let e):
            applyOutbound(e, recorded: recorded, erased: erased)
        case .outboundMessageSent(let e):
            messages.update(e.messageId) {
                $0.wamid = e.wamid
                if $0.sentAt == nil { $0.sentAt = e.at }
                Self.advance(&$0, to: "SENT")
            }
        case .messageDelivered(let e):
            messages.update(e.messageId) {
                if $0.wamid == nil { $0.wamid = e.wamid }
                if $0.deliveredAt == nil { $0.deliveredAt = e.at }
                Self.advance(&$0, to: "DELIVERED")
            }
        case .messageRead(let e):
            messages.update(e.messageId) {
                if $0.wamid == nil { $0.wamid = e.wamid }
                if $0.readAt == nil { $0.readAt = e.at }
                Self.advance(&$0, to: "READ")
            }
        case .messageFailed(let e):
            messages.update(e.messageId) {
                if $0.wamid == nil { $0.wamid = e.wamid }
                if $0.failedAt == nil { $0.failedAt = e.at }
                $0.status = "FAILED"
                $0.errorCode = Int64(e.failure.code)
                $0.errorTitle = e.failure.title
            }
        case .messagesReadByAgent(let e):
            conversations.update(e.conversationId) { $0.unreadCount = 0 }
        case .pendingStatusRecorded, .wamidLinked, .rawWebhookReceived:
            // Audit / write-side bookkeeping: the domain re-emits the statuses on the
            // conversation stream once the send is linked.
            break
        }
    }

    private func fill(_ row: inout DepartmentRow, name: String, color: String, max: Int, minutes: Int) {
        row.name = name
        row.color = color
        row.maxConcurrent = Int64(max)
        row.expectedResponseMinutes = Int64(minutes)
    }

    /// Delivery status only moves forward (sent < delivered < read); failed is terminal.
    static func advance(_ row: inout MessageRow, to status: String) {
        let rank = ["QUEUED": 0, "SENT": 1, "DELIVERED": 2, "READ": 3]
        guard row.status != "FAILED" else { return }
        if rank[status, default: 0] > rank[row.status, default: 0] { row.status = status }
    }

    private func applyInbound(_ e: MessageReceived, recorded: EventOrigin, erased: Bool) {
        var row = MessageRow(
            key: e.messageId, tenantId: recorded.tenant, conversationId: e.conversationId,
            seq: Int64(recorded.position), direction: "INBOUND", type: e.messageType.rawValue,
            status: "DELIVERED",
            timestamp: e.providerTimestamp, createdAt: e.receivedAt)
        row.wamid = e.wamid
        if erased {
            row.content = Self.erasedMarker
        } else if let personal = e.personal {
            row.content = MessageContent.inbound(personal)
            row.metadata = MessageContent.inboundMetadata(personal, replyTo: e.replyToWamid)
        }
        messages.put(row)
        withTenant(recorded.tenant) { $0.totalMessages += 1 }
        conversations.update(e.conversationId) {
            Self.setLast(&$0, row)
            $0.unreadCount += 1
            if $0.waitingSince == nil { $0.waitingSince = e.providerTimestamp }
        }
    }

    private func applyOutbound(_ e: OutboundMessageQueued, recorded: EventOrigin, erased: Bool) {
        let fromPhone = e.origin == .phone
        var row = MessageRow(
            key: e.messageId, tenantId: recorded.tenant, conversationId: e.conversationId,
            seq: Int64(recorded.position), direction: "OUTBOUND", type: e.kind.rawValue,
            status: fromPhone ? "SENT" : "QUEUED", timestamp: e.at, createdAt: e.at)
        row.sentById = e.sentById
        row.queuedAt = fromPhone ? nil : e.at
        if fromPhone { row.sentAt = e.at }
        if erased {
            row.content = Self.erasedMarker
        } else if let personal = e.personal {
            row.content = personal.summary
            row.metadata = MessageContent.outboundMetadata(personal)
        }
        messages.put(row)
        withTenant(recorded.tenant) { $0.totalMessages += 1 }
        let human = e.sentById != nil || fromPhone
        var reply: ReplyTimeRow?
        conversations.update(e.conversationId) {
            Self.setLast(&$0, row)
            guard human else { return }
            if $0.firstResponseAt == nil { $0.firstResponseAt = e.at }
            if let since = $0.waitingSince {
                reply = ReplyTimeRow(
                    key: e.messageId, tenantId: recorded.tenant, conversationId: e.conversationId,
                    agentId: e.sentById, departmentId: $0.departmentId, waitedMs: max(0, e.at - since),
                    repliedAt: e.at)
                $0.waitingSince = nil
            }
        }
        if let reply { replyTimes.put(reply) }
    }

    private static func setLast(_ conversation: inout ConversationRow, _ message: MessageRow) {
        conversation.lastMessageId = message.key
        conversation.lastMessageContent = message.content
        conversation.lastMessageDirection = message.direction
        conversation.lastMessageType = message.type
        // Provider timestamps can run behind ours: the list sorts by the latest time seen.
        conversation.lastMessageAt = max(conversation.lastMessageAt ?? message.timestamp, message.timestamp)
    }

    /// Erases a contact's personal data from the rows in memory; rows only in the database
    /// are erased by SQL when the batch is written (see `ProjectionWriter`).
    private func erase(contact: UUID) {
        contacts.update(contact) {
            $0.phone = Self.erasedMarker
            $0.name = Self.erasedMarker
            $0.erased = true
        }
        let conversationIds = Set(conversations.keys { $0.contactId == contact })
        for id in conversationIds {
            conversations.update(id) {
                if $0.lastMessageId != nil { $0.lastMessageContent = Self.erasedMarker }
                // A rating always carries a personal part (the comment may be empty inside).
                if $0.rating != nil { $0.ratingComment = Self.erasedMarker }
            }
            ratings.update(id) { $0.comment = Self.erasedMarker }
        }
        for key in messages.keys(where: { conversationIds.contains($0.conversationId) }) {
            messages.update(key) {
                $0.content = Self.erasedMarker
                $0.metadata = nil
            }
        }
        for key in transfers.keys(where: { conversationIds.contains($0.conversationId) }) {
            transfers.update(key) { $0.reason = Self.erasedMarker }
        }
        erasedContacts.append(contact)
    }
}
