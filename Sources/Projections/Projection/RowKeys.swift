import Domain
import Foundation

/// The keys of the existing rows a batch of events may change.
struct RowKeys {
    var tenants = Set<UUID>()
    var users = Set<UUID>()
    var departments = Set<UUID>()
    var contacts = Set<UUID>()
    var conversations = Set<UUID>()
    var messages = Set<UUID>()
    var ratings = Set<UUID>()
    var transfers = Set<UUID>()

    mutating func collect(_ event: DomainEvent, tenant: UUID) {
        switch event {
        case .tenantRegistered(let e): tenants.insert(e.tenantId)
        case .whatsAppChannelConfigured(let e): tenants.insert(e.tenantId)
        case .channelStatusChanged(let e): tenants.insert(e.tenantId)
        case .userCreated(let e): users.insert(e.userId)
        case .userRoleChanged(let e): users.insert(e.userId)
        case .userDepartmentChanged(let e): users.insert(e.userId)
        case .userActivated(let e): users.insert(e.userId)
        case .userDeactivated(let e): users.insert(e.userId)
        case .userPasswordChanged: break
        case .departmentCreated(let e): departments.insert(e.departmentId)
        case .departmentUpdated(let e): departments.insert(e.departmentId)
        case .tagCreated: break
        case .contactRegistered(let e): contacts.insert(e.contactId)
        case .contactProfileUpdated(let e): contacts.insert(e.contactId)
        case .contactErased(let e): contacts.insert(e.contactId)
        case .conversationOpened: break
        case .conversationStatusChanged(let e): conversations.insert(e.conversationId)
        case .conversationPriorityChanged(let e): conversations.insert(e.conversationId)
        case .conversationTagsChanged(let e): conversations.insert(e.conversationId)
        case .conversationAssigned(let e): conversations.insert(e.conversationId)
        case .conversationTransferred(let e): conversations.insert(e.conversationId)
        case .conversationClosed(let e): conversations.insert(e.conversationId)
        case .conversationReopened(let e): conversations.insert(e.conversationId)
        case .conversationRated(let e):
            conversations.insert(e.conversationId)
            ratings.insert(e.conversationId)
        case .messageReceived(let e):
            conversations.insert(e.conversationId)
            tenants.insert(tenant)
        case .outboundMessageQueued(let e):
            conversations.insert(e.conversationId)
            tenants.insert(tenant)
        case .outboundMessageSent(let e): messages.insert(e.messageId)
        case .messageDelivered(let e): messages.insert(e.messageId)
        case .messageRead(let e): messages.insert(e.messageId)
        case .messageFailed(let e): messages.insert(e.messageId)
        case .messagesReadByAgent(let e): conversations.insert(e.conversationId)
        case .pendingStatusRecorded, .wamidLinked, .rawWebhookReceived: break
        }
    }
}
