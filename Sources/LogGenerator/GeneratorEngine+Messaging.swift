import Domain
import Foundation

extension GeneratorEngine {
    func receiveInbound(_ tenant: TenantWorld) {
        var contactIndex = random.below(tenant.contacts.count)
        if tenant.contacts[contactIndex].openConversation == nil,
            tenant.openIds.count >= config.openConversationsPerTenant,
            let busy = tenant.openIds.isEmpty ? nil : tenant.live[random.pick(tenant.openIds)]
        {
            contactIndex = busy.contactIndex
        }
        var slot = tenant.contacts[contactIndex]
        if slot.contact == nil && slot.phoneKey == nil {
            slot.phoneKey = UniqueKeys.phone(
                tenantId: tenant.id, phone: slot.phone, hmacKey: LogGenerator.phoneKeySecret)
        }
        let (type, content) = SampleContent.inbound(&random)
        let message = InboundMessage(
            provider: tenant.provider,
            wamid: random.wamid(prefix: tenant.provider == .meta ? "wamid.HBg" : "3EB0"),
            from: slot.phone, profileName: slot.name, type: type,
            timestamp: clock - Int64(random.below(3000)),
            content: content)
        let open = slot.openConversation.flatMap { tenant.live[$0]?.state }
        guard
            let decision = try? InboundRouting.decide(
                message, tenantId: tenant.id, contact: slot.contact, phoneKey: slot.phoneKey ?? "",
                openConversation: open, now: clock)
        else { return }
        if config.rawWebhooks { recordRawWebhook(tenant, message: message, contactId: decision.contactId) }
        emit(tenant.id, decision)
        apply(decision, to: tenant, contactIndex: contactIndex, slot: &slot)
        tenant.contacts[contactIndex] = slot
    }

    func sendFromPhone(_ tenant: TenantWorld) {
        guard !tenant.openIds.isEmpty, let live = tenant.live[random.pick(tenant.openIds)] else { return }
        var slot = tenant.contacts[live.contactIndex]
        let message = PhoneOutboundMessage(
            provider: tenant.provider, wamid: random.wamid(prefix: "3EB0"), to: slot.phone, timestamp: clock,
            content: .text(body: random.pick(SampleContent.agentTexts)))
        guard
            let decision = try? InboundRouting.decide(
                message, tenantId: tenant.id, contact: slot.contact, phoneKey: slot.phoneKey ?? "",
                openConversation: live.state, now: clock)
        else { return }
        emit(tenant.id, decision)
        apply(decision, to: tenant, contactIndex: live.contactIndex, slot: &slot)
        tenant.contacts[live.contactIndex] = slot
        planStatuses(tenant, conversationId: decision.conversationId, wamid: message.wamid, includeSend: nil)
    }

    private func apply(
        _ decision: MultiStreamDecision, to tenant: TenantWorld, contactIndex: Int, slot: inout ContactSlot
    ) {
        for part in decision.streams {
            let events = part.events.map(\.event)
            if part.stream == Streams.contact(decision.contactId) {
                slot.contact = events.reduce(slot.contact, Contact.evolve)
                continue
            }
            if part.isNewStream, let opened = Conversation.fold(events) {
                tenant.live[opened.id] = LiveConversation(
                    state: opened, contactIndex: contactIndex, budget: 4 + random.below(36), pendingWork: 0)
                tenant.openIds.append(opened.id)
                slot.openConversation = opened.id
            } else {
                for event in events { tenant.live[decision.conversationId]?.state.apply(event) }
            }
        }
    }

    private func recordRawWebhook(_ tenant: TenantWorld, message: InboundMessage, contactId: UUID) {
        let body =
            tenant.provider == .meta
            ? #"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"id":"\#(message.wamid)","from":"\#(message.from)","type":"\#(message.type.rawValue.lowercased())"}]}}]}]}"#
            : #"{"event":"messages.upsert","instance":"hotel_\#(tenant.index)","data":{"key":{"id":"\#(message.wamid)","remoteJid":"\#(message.from)@s.whatsapp.net","fromMe":false}}}"#
        let rawId = EventIDs.derived(
            provider: tenant.provider, wamid: message.wamid, kind: RawWebhookReceived.type)
        let event = RawWebhookReceived(
            tenantId: tenant.id, provider: tenant.provider, receivedAt: clock, contactIds: [contactId],
            sealedUnder: DataKeys.rawWebhook(rawEventId: rawId, contactIds: [contactId]),
            personal: .init(body: body))
        emit(
            tenant.id, stream: Streams.webhooks(tenant.id),
            events: [DecidedEvent(.rawWebhookReceived(event), id: rawId)], keys: [])
    }

    func replyAsAgent(_ tenant: TenantWorld) {
        guard !tenant.openIds.isEmpty else { return receiveInbound(tenant) }
        let conversationId = random.pick(tenant.openIds)
        guard var live = tenant.live[conversationId] else { return }
        if live.state.assignedUserId == nil,
            let agent = tenant.agents.isEmpty ? nil : random.pick(tenant.agents)
        {
            run(tenant, conversationId, .assign(userId: agent, byUserId: agent))
            run(tenant, conversationId, .changeStatus(.inProgress, byUserId: agent))
            live = tenant.live[conversationId] ?? live
        }
        let content = SampleContent.outbound(&random, windowOpen: live.state.isServiceWindowOpen(at: clock))
        let messageId = random.uuidV7(at: clock)
        guard
            run(
                tenant, conversationId,
                .queueOutbound(messageId: messageId, content: content, sentById: live.state.assignedUserId))
        else { return }
        let wamid = random.wamid(prefix: tenant.provider == .meta ? "wamid.HBg" : "3EB0")
        planStatuses(tenant, conversationId: conversationId, wamid: wamid, includeSend: messageId)
        if let updated = tenant.live[conversationId], updated.state.messages.count >= updated.budget {
            closeConversation(tenant, conversationId: conversationId)
        }
    }

    /// Schedules the provider's answers: the send (unless already sent) and its statuses,
    /// sometimes out of order and sometimes ahead of the send.
    private func planStatuses(
        _ tenant: TenantWorld, conversationId: UUID, wamid: String, includeSend messageId: UUID?
    ) {
        var plan: [Deferred] = []
        if let messageId {
            plan.append(.send(conversationId: conversationId, messageId: messageId, wamid: wamid))
        }
        if random.chance(4) {
            plan.append(.status(conversationId: conversationId, wamid: wamid, status: .failed))
        } else {
            if random.chance(30) {
                plan.append(.status(conversationId: conversationId, wamid: wamid, status: .sent))
            }
            if random.chance(92) {
                plan.append(.status(conversationId: conversationId, wamid: wamid, status: .delivered))
            }
            if random.chance(65) {
                plan.append(.status(conversationId: conversationId, wamid: wamid, status: .read))
            }
        }
        if plan.count > 1 && random.chance(10) {
            let first = random.below(plan.count)
            let second = random.below(plan.count)
            plan.swapAt(first, second)
        }
        tenant.live[conversationId]?.pendingWork += plan.count
        tenant.deferred += plan
    }

    func settleDeferred(_ tenant: TenantWorld) {
        let item = tenant.popDeferred(takeSecond: random.chance(15))
        switch item {
        case .send(let conversationId, let messageId, let wamid):
            let pending = tenant.earlyStatuses.removeValue(forKey: wamid)
            run(tenant, conversationId, .recordSent(messageId: messageId, wamid: wamid, pending: pending))
            finish(tenant, conversationId)
        case .status(let conversationId, let wamid, let status):
            let failure =
                status == .failed ? DeliveryFailure(code: 131026, title: "Message undeliverable") : nil
            let report = StatusReport(
                provider: tenant.provider, wamid: wamid, status: status, timestamp: clock, failure: failure)
            if tenant.live[conversationId]?.state.message(wamid: wamid) != nil {
                run(tenant, conversationId, .applyStatus(report))
            } else if case .recordPending(let part) = WamidStatuses.decide(
                report, state: tenant.earlyStatuses[wamid])
            {
                emit(tenant.id, stream: part.stream, events: part.events, keys: [])
                tenant.earlyStatuses[wamid] = part.events.map(\.event).reduce(
                    tenant.earlyStatuses[wamid], WamidStatuses.evolve)
            }
            finish(tenant, conversationId)
        }
    }

    private func finish(_ tenant: TenantWorld, _ conversationId: UUID) {
        tenant.live[conversationId]?.pendingWork -= 1
        tenant.releaseIfSettled(conversationId)
    }

    /// Decides `command` on a live conversation, emits and folds the result; false when refused.
    @discardableResult
    func run(_ tenant: TenantWorld, _ conversationId: UUID, _ command: ConversationCommand) -> Bool {
        // decide against the stored state directly: holding a copy while applying below
        // would make every apply copy the message table
        guard tenant.live[conversationId] != nil,
            let decision = try? Conversation.decide(
                command, state: tenant.live[conversationId]?.state, now: clock)
        else { return false }
        emit(tenant.id, stream: Streams.conversation(conversationId), decision)
        for decided in decision.events { tenant.live[conversationId]?.state.apply(decided.event) }
        return !decision.events.isEmpty
    }
}
