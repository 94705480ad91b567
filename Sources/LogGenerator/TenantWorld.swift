import Domain
import Foundation

/// What the generator remembers about one tenant: its people, its customers and the
/// conversations still in play.
final class TenantWorld {
    let id: UUID
    let index: Int
    let provider: ChannelProvider
    var agents: [UUID] = []
    var departments: [UUID] = []
    var tags: [UUID] = []
    var contacts: [ContactSlot]
    var live: [UUID: LiveConversation] = [:]
    var openIds: [UUID] = []
    /// Recently closed conversations, kept for ratings and reopenings.
    var closedIds: [UUID] = []
    var deferred: [Deferred] = []
    var deferredHead = 0
    /// Folded `wamid-…` streams of statuses that beat their send.
    var earlyStatuses: [String: WamidStatuses] = [:]

    init(id: UUID, index: Int, contacts: Int) {
        self.id = id
        self.index = index
        self.provider = index % 2 == 1 ? .evolution : .meta
        self.contacts = (0..<contacts).map { contactIndex in
            ContactSlot(
                phone: "55" + String(11_900_000_000 + index * 1_000_000 + contactIndex),
                name: SampleContent.names[contactIndex % SampleContent.names.count])
        }
    }

    var hasDeferred: Bool { deferredHead < deferred.count }

    func popDeferred(takeSecond: Bool) -> Deferred {
        if takeSecond && deferredHead + 1 < deferred.count {
            deferred.swapAt(deferredHead, deferredHead + 1)
        }
        let item = deferred[deferredHead]
        deferredHead += 1
        if deferredHead > 1024 && deferredHead * 2 > deferred.count {
            deferred.removeFirst(deferredHead)
            deferredHead = 0
        }
        return item
    }

    func removeOpen(_ conversationId: UUID) {
        if let position = openIds.firstIndex(of: conversationId) {
            openIds.swapAt(position, openIds.count - 1)
        }
        if openIds.last == conversationId { openIds.removeLast() }
    }

    /// Forgets a conversation once nothing can touch it any more.
    func releaseIfSettled(_ conversationId: UUID) {
        guard let conversation = live[conversationId], conversation.state.isClosed,
            conversation.pendingWork == 0,
            !conversation.retained
        else { return }
        live[conversationId] = nil
    }

    func retainClosed(_ conversationId: UUID) {
        live[conversationId]?.retained = true
        closedIds.append(conversationId)
        if closedIds.count > 32 {
            let evicted = closedIds.removeFirst()
            live[evicted]?.retained = false
            releaseIfSettled(evicted)
        }
    }

    func forgetClosed(_ conversationId: UUID) {
        closedIds.removeAll { $0 == conversationId }
        live[conversationId]?.retained = false
    }
}

/// A customer of a tenant.
struct ContactSlot {
    var contact: Contact?
    var phone: String
    var name: String
    var phoneKey: String?
    var openConversation: UUID?
}

/// A conversation the generator still drives.
struct LiveConversation {
    var state: Conversation
    var contactIndex: Int
    /// Messages after which an agent closes it.
    var budget: Int
    /// Sends and statuses still to arrive.
    var pendingWork: Int
    var retained = false
}

/// Something that happens later: the provider accepting a send, or a status report.
enum Deferred {
    case send(conversationId: UUID, messageId: UUID, wamid: String)
    case status(conversationId: UUID, wamid: String, status: DeliveryStatus)
}
