import Foundation

extension DomainCodec {
    static func encodeCase(_ event: DomainEvent) throws -> EncodedEvent {
        switch event {
        case .tenantRegistered(let body): try encodeBody(body)
        case .whatsAppChannelConfigured(let body): try encodeBody(body)
        case .channelStatusChanged(let body): try encodeBody(body)
        case .userCreated(let body): try encodeBody(body)
        case .userRoleChanged(let body): try encodeBody(body)
        case .userDepartmentChanged(let body): try encodeBody(body)
        case .userActivated(let body): try encodeBody(body)
        case .userDeactivated(let body): try encodeBody(body)
        case .userPasswordChanged(let body): try encodeBody(body)
        case .departmentCreated(let body): try encodeBody(body)
        case .departmentUpdated(let body): try encodeBody(body)
        case .tagCreated(let body): try encodeBody(body)
        case .contactRegistered(let body): try encodeBody(body)
        case .contactProfileUpdated(let body): try encodeBody(body)
        case .contactErased(let body): try encodeBody(body)
        case .conversationOpened(let body): try encodeBody(body)
        case .conversationStatusChanged(let body): try encodeBody(body)
        case .conversationPriorityChanged(let body): try encodeBody(body)
        case .conversationTagsChanged(let body): try encodeBody(body)
        case .conversationAssigned(let body): try encodeBody(body)
        case .conversationTransferred(let body): try encodeBody(body)
        case .conversationClosed(let body): try encodeBody(body)
        case .conversationReopened(let body): try encodeBody(body)
        case .conversationRated(let body): try encodeBody(body)
        case .messageReceived(let body): try encodeBody(body)
        case .outboundMessageQueued(let body): try encodeBody(body)
        case .outboundMessageSent(let body): try encodeBody(body)
        case .messageDelivered(let body): try encodeBody(body)
        case .messageRead(let body): try encodeBody(body)
        case .messageFailed(let body): try encodeBody(body)
        case .messagesReadByAgent(let body): try encodeBody(body)
        case .pendingStatusRecorded(let body): try encodeBody(body)
        case .wamidLinked(let body): try encodeBody(body)
        case .rawWebhookReceived(let body): try encodeBody(body)
        }
    }

    static func decodeCase(type: String, payload: [UInt8], personal: [UInt8]?) throws -> DomainEvent {
        switch type {
        case TenantRegistered.type:
            .tenantRegistered(try decodeBody(TenantRegistered.self, payload: payload, personal: personal))
        case WhatsAppChannelConfigured.type:
            .whatsAppChannelConfigured(
                try decodeBody(WhatsAppChannelConfigured.self, payload: payload, personal: personal))
        case ChannelStatusChanged.type:
            .channelStatusChanged(
                try decodeBody(ChannelStatusChanged.self, payload: payload, personal: personal))
        case UserCreated.type:
            .userCreated(try decodeBody(UserCreated.self, payload: payload, personal: personal))
        case UserRoleChanged.type:
            .userRoleChanged(try decodeBody(UserRoleChanged.self, payload: payload, personal: personal))
        case UserDepartmentChanged.type:
            .userDepartmentChanged(
                try decodeBody(UserDepartmentChanged.self, payload: payload, personal: personal))
        case UserActivated.type:
            .userActivated(try decodeBody(UserActivated.self, payload: payload, personal: personal))
        case UserDeactivated.type:
            .userDeactivated(try decodeBody(UserDeactivated.self, payload: payload, personal: personal))
        case UserPasswordChanged.type:
            .userPasswordChanged(
                try decodeBody(UserPasswordChanged.self, payload: payload, personal: personal))
        case DepartmentCreated.type:
            .departmentCreated(try decodeBody(DepartmentCreated.self, payload: payload, personal: personal))
        case DepartmentUpdated.type:
            .departmentUpdated(try decodeBody(DepartmentUpdated.self, payload: payload, personal: personal))
        case TagCreated.type:
            .tagCreated(try decodeBody(TagCreated.self, payload: payload, personal: personal))
        case ContactRegistered.type:
            .contactRegistered(try decodeBody(ContactRegistered.self, payload: payload, personal: personal))
        case ContactProfileUpdated.type:
            .contactProfileUpdated(
                try decodeBody(ContactProfileUpdated.self, payload: payload, personal: personal))
        case ContactErased.type:
            .contactErased(try decodeBody(ContactErased.self, payload: payload, personal: personal))
        case ConversationOpened.type:
            .conversationOpened(try decodeBody(ConversationOpened.self, payload: payload, personal: personal))
        case ConversationStatusChanged.type:
            .conversationStatusChanged(
                try decodeBody(ConversationStatusChanged.self, payload: payload, personal: personal))
        case ConversationPriorityChanged.type:
            .conversationPriorityChanged(
                try decodeBody(ConversationPriorityChanged.self, payload: payload, personal: personal))
        case ConversationTagsChanged.type:
            .conversationTagsChanged(
                try decodeBody(ConversationTagsChanged.self, payload: payload, personal: personal))
        case ConversationAssigned.type:
            .conversationAssigned(
                try decodeBody(ConversationAssigned.self, payload: payload, personal: personal))
        case ConversationTransferred.type:
            .conversationTransferred(
                try decodeBody(ConversationTransferred.self, payload: payload, personal: personal))
        case ConversationClosed.type:
            .conversationClosed(try decodeBody(ConversationClosed.self, payload: payload, personal: personal))
        case ConversationReopened.type:
            .conversationReopened(
                try decodeBody(ConversationReopened.self, payload: payload, personal: personal))
        case ConversationRated.type:
            .conversationRated(try decodeBody(ConversationRated.self, payload: payload, personal: personal))
        case MessageReceived.type:
            .messageReceived(try decodeBody(MessageReceived.self, payload: payload, personal: personal))
        case OutboundMessageQueued.type:
            .outboundMessageQueued(
                try decodeBody(OutboundMessageQueued.self, payload: payload, personal: personal))
        case OutboundMessageSent.type:
            .outboundMessageSent(
                try decodeBody(OutboundMessageSent.self, payload: payload, personal: personal))
        case MessageDelivered.type:
            .messageDelivered(try decodeBody(MessageDelivered.self, payload: payload, personal: personal))
        case MessageRead.type:
            .messageRead(try decodeBody(MessageRead.self, payload: payload, personal: personal))
        case MessageFailed.type:
            .messageFailed(try decodeBody(MessageFailed.self, payload: payload, personal: personal))
        case MessagesReadByAgent.type:
            .messagesReadByAgent(
                try decodeBody(MessagesReadByAgent.self, payload: payload, personal: personal))
        case PendingStatusRecorded.type:
            .pendingStatusRecorded(
                try decodeBody(PendingStatusRecorded.self, payload: payload, personal: personal))
        case WamidLinked.type:
            .wamidLinked(try decodeBody(WamidLinked.self, payload: payload, personal: personal))
        case RawWebhookReceived.type:
            .rawWebhookReceived(try decodeBody(RawWebhookReceived.self, payload: payload, personal: personal))
        default: throw DomainCodecError.unknownType(type)
        }
    }
}
