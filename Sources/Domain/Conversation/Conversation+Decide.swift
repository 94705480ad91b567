import Foundation

extension Conversation {
    /// Decides a conversation command against the folded state (`nil` = no stream yet) at
    /// time `now` (ms).
    public static func decide(_ command: ConversationCommand, state: Conversation?, now: Int64) throws
        -> Decision
    {
        if case .open(
            let conversationId, let tenantId, let contactId, let byUserId, let departmentId, let exists) =
            command
        {
            if state != nil { throw DomainError.invalidState("conversation already exists") }
            if exists {
                throw DomainError.invalidState(
                    "the contact already has an open conversation", field: "contactId")
            }
            let opened = ConversationOpened(
                conversationId: conversationId, tenantId: tenantId, contactId: contactId, openedBy: .agent,
                byUserId: byUserId, departmentId: departmentId, at: now)
            var events: [DomainEvent] = [.conversationOpened(opened)]
            if let byUserId {
                // the opening agent takes it; said explicitly so read models need no rule
                events.append(
                    .conversationAssigned(
                        ConversationAssigned(
                            conversationId: conversationId, userId: byUserId, byUserId: byUserId)))
            }
            return Decision(
                events,
                keyChanges: [
                    .reserve(
                        key: UniqueKeys.openConversation(contactId),
                        stream: Streams.conversation(conversationId))
                ])
        }
        guard let conversation = state else { throw DomainError.notFound("conversation") }
        return try conversation.decide(command, now: now)
    }

    private func decide(_ command: ConversationCommand, now: Int64) throws -> Decision {
        switch command {
        case .open:
            throw DomainError.invalidState("conversation already exists")
        case .changeStatus(let newStatus, let byUserId):
            if newStatus == .closed { return try close(notes: nil, byUserId: byUserId, now: now) }
            try requireOpen()
            if newStatus == status { return .none }
            return Decision([
                .conversationStatusChanged(
                    ConversationStatusChanged(
                        conversationId: id, from: status, to: newStatus, byUserId: byUserId))
            ])
        case .changePriority(let newPriority, let byUserId):
            if newPriority == priority { return .none }
            return Decision([
                .conversationPriorityChanged(
                    ConversationPriorityChanged(conversationId: id, priority: newPriority, byUserId: byUserId)
                )
            ])
        case .changeTags(let tags, let byUserId):
            let sorted = Array(Set(tags)).sorted { $0.lowercasedString < $1.lowercasedString }
            try Validate.count(sorted.count, field: "tagIds", 0...20)
            if sorted == tagIds { return .none }
            return Decision([
                .conversationTagsChanged(
                    ConversationTagsChanged(conversationId: id, tagIds: sorted, byUserId: byUserId))
            ])
        case .assign(let userId, let byUserId):
            try requireOpen()
            if userId == assignedUserId { return .none }
            return Decision([
                .conversationAssigned(
                    ConversationAssigned(conversationId: id, userId: userId, byUserId: byUserId))
            ])
        case .transfer(let transferId, let toUserId, let toDepartmentId, let reason, let byUserId):
            return try transfer(
                transferId: transferId, toUserId: toUserId, toDepartmentId: toDepartmentId, reason: reason,
                byUserId: byUserId, now: now)
        case .close(let notes, let byUserId):
            return try close(notes: notes, byUserId: byUserId, now: now)
        case .reopen(let byUserId, let openConversationExists):
            return try reopen(byUserId: byUserId, openConversationExists: openConversationExists, now: now)
        case .rate(let score, let comment):
            return try rate(score: score, comment: comment, now: now)
        default:
            return try decideMessaging(command, now: now)
        }
    }

    func requireOpen() throws {
        if isClosed { throw DomainError.invalidState("conversation is closed", field: "status") }
    }

    private func transfer(
        transferId: UUID, toUserId: UUID?, toDepartmentId: UUID?, reason: String, byUserId: UUID?, now: Int64
    ) throws -> Decision {
        try requireOpen()
        if toUserId == nil && toDepartmentId == nil {
            throw DomainError(
                .validation, field: "toUserId", message: "a transfer needs a target agent or department")
        }
        let cleanReason = try Validate.text(reason, field: "reason", max: 500)
        if toUserId == assignedUserId && (toDepartmentId == nil || toDepartmentId == departmentId) {
            throw DomainError.invalidState("the conversation is already there", field: "toUserId")
        }
        let transferred = ConversationTransferred(
            conversationId: id, contactId: contactId, transferId: transferId, fromUserId: assignedUserId,
            toUserId: toUserId, fromDepartmentId: departmentId, toDepartmentId: toDepartmentId,
            byUserId: byUserId, at: now, personal: .init(reason: cleanReason))
        return Decision([.conversationTransferred(transferred)])
    }

    private func close(notes: String?, byUserId: UUID?, now: Int64) throws -> Decision {
        if isClosed { return .none }
        let cleanNotes = try Validate.optionalText(notes, field: "notes", max: 2000)
        let closed = ConversationClosed(
            conversationId: id, contactId: contactId, byUserId: byUserId, at: now,
            personal: .init(notes: cleanNotes))
        return Decision(
            [.conversationClosed(closed)],
            keyChanges: [
                .release(key: UniqueKeys.openConversation(contactId), stream: Streams.conversation(id))
            ])
    }

    private func reopen(byUserId: UUID?, openConversationExists: Bool, now: Int64) throws -> Decision {
        if !isClosed { return .none }
        if openConversationExists {
            throw DomainError.invalidState("the contact already has an open conversation", field: "contactId")
        }
        return Decision(
            [
                .conversationReopened(
                    ConversationReopened(
                        conversationId: id, contactId: contactId, byUserId: byUserId, at: now))
            ],
            keyChanges: [
                .reserve(key: UniqueKeys.openConversation(contactId), stream: Streams.conversation(id))
            ])
    }

    private func rate(score: Int, comment: String?, now: Int64) throws -> Decision {
        if !isClosed {
            throw DomainError.invalidState("only a closed conversation can be rated", field: "status")
        }
        if rating != nil {
            throw DomainError.invalidState("the conversation is already rated", field: "score")
        }
        try Validate.range(score, field: "score", 1...5)
        let cleanComment = try Validate.optionalText(comment, field: "comment", max: 1000)
        return Decision([
            .conversationRated(
                ConversationRated(
                    conversationId: id, contactId: contactId, score: score, at: now,
                    personal: .init(comment: cleanComment)))
        ])
    }
}
