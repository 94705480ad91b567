import Foundation

/// Every event of ChatLedger, one case per event type.
public enum DomainEvent: Sendable, Equatable {
    case tenantRegistered(TenantRegistered)
    case whatsAppChannelConfigured(WhatsAppChannelConfigured)
    case channelStatusChanged(ChannelStatusChanged)
    case userCreated(UserCreated)
    case userRoleChanged(UserRoleChanged)
    case userDepartmentChanged(UserDepartmentChanged)
    case userActivated(UserActivated)
    case userDeactivated(UserDeactivated)
    case userPasswordChanged(UserPasswordChanged)
    case departmentCreated(DepartmentCreated)
    case departmentUpdated(DepartmentUpdated)
    case tagCreated(TagCreated)
    case contactRegistered(ContactRegistered)
    case contactProfileUpdated(ContactProfileUpdated)
    case contactErased(ContactErased)
    case conversationOpened(ConversationOpened)
    case conversationStatusChanged(ConversationStatusChanged)
    case conversationPriorityChanged(ConversationPriorityChanged)
    case conversationTagsChanged(ConversationTagsChanged)
    case conversationAssigned(ConversationAssigned)
    case conversationTransferred(ConversationTransferred)
    case conversationClosed(ConversationClosed)
    case conversationReopened(ConversationReopened)
    case conversationRated(ConversationRated)
    case messageReceived(MessageReceived)
    case outboundMessageQueued(OutboundMessageQueued)
    case outboundMessageSent(OutboundMessageSent)
    case messageDelivered(MessageDelivered)
    case messageRead(MessageRead)
    case messageFailed(MessageFailed)
    case messagesReadByAgent(MessagesReadByAgent)
    case pendingStatusRecorded(PendingStatusRecorded)
    case wamidLinked(WamidLinked)
    case rawWebhookReceived(RawWebhookReceived)

    /// Stable type name stored with the event, e.g. `ConversationOpened.v1`.
    public var type: String {
        switch self {
        case .tenantRegistered: TenantRegistered.type
        case .whatsAppChannelConfigured: WhatsAppChannelConfigured.type
        case .channelStatusChanged: ChannelStatusChanged.type
        case .userCreated: UserCreated.type
        case .userRoleChanged: UserRoleChanged.type
        case .userDepartmentChanged: UserDepartmentChanged.type
        case .userActivated: UserActivated.type
        case .userDeactivated: UserDeactivated.type
        case .userPasswordChanged: UserPasswordChanged.type
        case .departmentCreated: DepartmentCreated.type
        case .departmentUpdated: DepartmentUpdated.type
        case .tagCreated: TagCreated.type
        case .contactRegistered: ContactRegistered.type
        case .contactProfileUpdated: ContactProfileUpdated.type
        case .contactErased: ContactErased.type
        case .conversationOpened: ConversationOpened.type
        case .conversationStatusChanged: ConversationStatusChanged.type
        case .conversationPriorityChanged: ConversationPriorityChanged.type
        case .conversationTagsChanged: ConversationTagsChanged.type
        case .conversationAssigned: ConversationAssigned.type
        case .conversationTransferred: ConversationTransferred.type
        case .conversationClosed: ConversationClosed.type
        case .conversationReopened: ConversationReopened.type
        case .conversationRated: ConversationRated.type
        case .messageReceived: MessageReceived.type
        case .outboundMessageQueued: OutboundMessageQueued.type
        case .outboundMessageSent: OutboundMessageSent.type
        case .messageDelivered: MessageDelivered.type
        case .messageRead: MessageRead.type
        case .messageFailed: MessageFailed.type
        case .messagesReadByAgent: MessagesReadByAgent.type
        case .pendingStatusRecorded: PendingStatusRecorded.type
        case .wamidLinked: WamidLinked.type
        case .rawWebhookReceived: RawWebhookReceived.type
        }
    }

    /// The event struct inside the case.
    public var body: any DomainEventBody {
        switch self {
        case .tenantRegistered(let event): event
        case .whatsAppChannelConfigured(let event): event
        case .channelStatusChanged(let event): event
        case .userCreated(let event): event
        case .userRoleChanged(let event): event
        case .userDepartmentChanged(let event): event
        case .userActivated(let event): event
        case .userDeactivated(let event): event
        case .userPasswordChanged(let event): event
        case .departmentCreated(let event): event
        case .departmentUpdated(let event): event
        case .tagCreated(let event): event
        case .contactRegistered(let event): event
        case .contactProfileUpdated(let event): event
        case .contactErased(let event): event
        case .conversationOpened(let event): event
        case .conversationStatusChanged(let event): event
        case .conversationPriorityChanged(let event): event
        case .conversationTagsChanged(let event): event
        case .conversationAssigned(let event): event
        case .conversationTransferred(let event): event
        case .conversationClosed(let event): event
        case .conversationReopened(let event): event
        case .conversationRated(let event): event
        case .messageReceived(let event): event
        case .outboundMessageQueued(let event): event
        case .outboundMessageSent(let event): event
        case .messageDelivered(let event): event
        case .messageRead(let event): event
        case .messageFailed(let event): event
        case .messagesReadByAgent(let event): event
        case .pendingStatusRecorded(let event): event
        case .wamidLinked(let event): event
        case .rawWebhookReceived(let event): event
        }
    }

    /// Every type name, for catalogs and tests.
    public static let allTypes: [String] = [
        TenantRegistered.type,
        WhatsAppChannelConfigured.type,
        ChannelStatusChanged.type,
        UserCreated.type,
        UserRoleChanged.type,
        UserDepartmentChanged.type,
        UserActivated.type,
        UserDeactivated.type,
        UserPasswordChanged.type,
        DepartmentCreated.type,
        DepartmentUpdated.type,
        TagCreated.type,
        ContactRegistered.type,
        ContactProfileUpdated.type,
        ContactErased.type,
        ConversationOpened.type,
        ConversationStatusChanged.type,
        ConversationPriorityChanged.type,
        ConversationTagsChanged.type,
        ConversationAssigned.type,
        ConversationTransferred.type,
        ConversationClosed.type,
        ConversationReopened.type,
        ConversationRated.type,
        MessageReceived.type,
        OutboundMessageQueued.type,
        OutboundMessageSent.type,
        MessageDelivered.type,
        MessageRead.type,
        MessageFailed.type,
        MessagesReadByAgent.type,
        PendingStatusRecorded.type,
        WamidLinked.type,
        RawWebhookReceived.type,
    ]
}
