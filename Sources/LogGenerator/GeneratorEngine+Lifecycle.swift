import Domain
import Foundation

extension GeneratorEngine {
    func markRead(_ tenant: TenantWorld) {
        guard !tenant.openIds.isEmpty else { return receiveInbound(tenant) }
        let conversationId = random.pick(tenant.openIds)
        guard let agent = tenant.live[conversationId]?.state.assignedUserId ?? tenant.agents.first else {
            return
        }
        run(tenant, conversationId, .markReadByAgent(userId: agent))
    }

    func changeConversation(_ tenant: TenantWorld) {
        guard !tenant.openIds.isEmpty, let agent = tenant.agents.isEmpty ? nil : random.pick(tenant.agents)
        else {
            return receiveInbound(tenant)
        }
        let conversationId = random.pick(tenant.openIds)
        switch random.below(5) {
        case 0:
            run(
                tenant, conversationId,
                .changePriority(random.pick(ConversationPriority.allCases), byUserId: agent))
        case 1:
            let tags = tenant.tags.filter { _ in random.chance(40) }
            run(tenant, conversationId, .changeTags(tags, byUserId: agent))
        case 2:
            run(
                tenant, conversationId,
                .changeStatus(random.chance(50) ? .waiting : .inProgress, byUserId: agent))
        case 3:
            let toDepartment =
                tenant.departments.isEmpty || random.chance(50) ? nil : random.pick(tenant.departments)
            let toUser = toDepartment != nil && random.chance(50) ? nil : random.pick(tenant.agents)
            run(
                tenant, conversationId,
                .transfer(
                    transferId: random.uuidV7(at: clock), toUserId: toUser, toDepartmentId: toDepartment,
                    reason: random.pick(SampleContent.reasons), byUserId: agent))
        default:
            run(tenant, conversationId, .assign(userId: random.pick(tenant.agents), byUserId: agent))
        }
    }

    func closeConversation(_ tenant: TenantWorld, onlyOverBudget: Bool) {
        guard !tenant.openIds.isEmpty else { return receiveInbound(tenant) }
        let conversationId = random.pick(tenant.openIds)
        if onlyOverBudget, let live = tenant.live[conversationId], live.state.messages.count < live.budget {
            return
        }
        closeConversation(tenant, conversationId: conversationId)
    }

    func closeConversation(_ tenant: TenantWorld, conversationId: UUID) {
        guard let live = tenant.live[conversationId] else { return }
        let notes = random.chance(50) ? "Atendimento concluído" : nil
        guard run(tenant, conversationId, .close(notes: notes, byUserId: live.state.assignedUserId)) else {
            return
        }
        tenant.removeOpen(conversationId)
        tenant.contacts[live.contactIndex].openConversation = nil
        tenant.retainClosed(conversationId)
    }

    func rateConversation(_ tenant: TenantWorld) {
        guard let conversationId = tenant.closedIds.last(where: { tenant.live[$0]?.state.rating == nil })
        else {
            return replyAsAgent(tenant)
        }
        let score = 1 + random.below(5)
        run(
            tenant, conversationId,
            .rate(score: score, comment: score >= 4 ? "Excelente atendimento!" : "Demorou"))
    }

    func reopenConversation(_ tenant: TenantWorld) {
        guard tenant.openIds.count < config.openConversationsPerTenant, !tenant.closedIds.isEmpty else {
            return receiveInbound(tenant)
        }
        let conversationId = random.pick(tenant.closedIds)
        guard let live = tenant.live[conversationId], live.state.isClosed else { return }
        let contactBusy = tenant.contacts[live.contactIndex].openConversation != nil
        guard
            run(
                tenant, conversationId,
                .reopen(byUserId: tenant.agents.first, openConversationExists: contactBusy))
        else { return }
        tenant.forgetClosed(conversationId)
        tenant.openIds.append(conversationId)
        tenant.contacts[live.contactIndex].openConversation = conversationId
        tenant.live[conversationId]?.budget += 4 + random.below(10)
    }

    func changeConnection(_ tenant: TenantWorld) {
        let state: ChannelConnectionState = random.pick([.open, .connecting, .close, .open])
        let connectionChange = ChannelStatusChanged(tenantId: tenant.id, state: state, at: clock)
        emit(
            tenant.id, stream: Streams.tenant(tenant.id),
            events: [DecidedEvent(.channelStatusChanged(connectionChange))], keys: [])
    }
}
