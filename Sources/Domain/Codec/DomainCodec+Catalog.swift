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

    /// Decoders by type name: one hash lookup instead of comparing the name with every case.
    /// The events a replay meets most take their hand-written decoders first (`decodeFast`).
    private static let decoders: [String: @Sendable ([UInt8], [UInt8]?) throws -> DomainEvent] = [
        TenantRegistered.type: { payload, personal in
            .tenantRegistered(try decodeBody(TenantRegistered.self, payload: payload, personal: personal))
        },
        WhatsAppChannelConfigured.type: { payload, personal in
            .whatsAppChannelConfigured(
                try decodeBody(WhatsAppChannelConfigured.self, payload: payload, personal: personal))
        },
        ChannelStatusChanged.type: { payload, personal in
            .channelStatusChanged(
                try decodeBody(ChannelStatusChanged.self, payload: payload, personal: personal))
        },
        UserCreated.type: { payload, personal in
            .userCreated(try decodeBody(UserCreated.self, payload: payload, personal: personal))
        },
        UserRoleChanged.type: { payload, personal in
            .userRoleChanged(try decodeBody(UserRoleChanged.self, payload: payload, personal: personal))
        },
        UserDepartmentChanged.type: { payload, personal in
            .userDepartmentChanged(
                try decodeBody(UserDepartmentChanged.self, payload: payload, personal: personal))
        },
        UserActivated.type: { payload, personal in
            .userActivated(try decodeBody(UserActivated.self, payload: payload, personal: personal))
        },
        UserDeactivated.type: { payload, personal in
            .userDeactivated(try decodeBody(UserDeactivated.self, payload: payload, personal: personal))
        },
        UserPasswordChanged.type: { payload, personal in
            .userPasswordChanged(
                try decodeBody(UserPasswordChanged.self, payload: payload, personal: personal))
        },
        DepartmentCreated.type: { payload, personal in
            .departmentCreated(try decodeBody(DepartmentCreated.self, payload: payload, personal: personal))
        },
        DepartmentUpdated.type: { payload, personal in
            .departmentUpdated(try decodeBody(DepartmentUpdated.self, payload: payload, personal: personal))
        },
        TagCreated.type: { payload, personal in
            .tagCreated(try decodeBody(TagCreated.self, payload: payload, personal: personal))
        },
        ContactRegistered.type: { payload, personal in
            .contactRegistered(try decodeFast(ContactRegistered.self, payload: payload, personal: personal))
        },
        ContactProfileUpdated.type: { payload, personal in
            .contactProfileUpdated(
                try decodeBody(ContactProfileUpdated.self, payload: payload, personal: personal))
        },
        ContactErased.type: { payload, personal in
            .contactErased(try decodeBody(ContactErased.self, payload: payload, personal: personal))
        },
        ConversationOpened.type: { payload, personal in
            .conversationOpened(try decodeFast(ConversationOpened.self, payload: payload, personal: personal))
        },
        ConversationStatusChanged.type: { payload, personal in
            .conversationStatusChanged(
                try decodeBody(ConversationStatusChanged.self, payload: payload, personal: personal))
        },
        ConversationPriorityChanged.type: { payload, personal in
            .conversationPriorityChanged(
                try decodeBody(ConversationPriorityChanged.self, payload: payload, personal: personal))
        },
        ConversationTagsChanged.type: { payload, personal in
            .conversationTagsChanged(
                try decodeBody(ConversationTagsChanged.self, payload: payload, personal: personal))
        },
        ConversationAssigned.type: { payload, personal in
            .conversationAssigned(
                try decodeFast(ConversationAssigned.self, payload: payload, personal: personal))
        },
        ConversationTransferred.type: { payload, personal in
            .conversationTransferred(
                try decodeBody(ConversationTransferred.self, payload: payload, personal: personal))
        },
        ConversationClosed.type: { payload, personal in
            .conversationClosed(try decodeFast(ConversationClosed.self, payload: payload, personal: personal))
        },
        ConversationReopened.type: { payload, personal in
            .conversationReopened(
                try decodeBody(ConversationReopened.self, payload: payload, personal: personal))
        },
        ConversationRated.type: { payload, personal in
            .conversationRated(try decodeFast(ConversationRated.self, payload: payload, personal: personal))
        },
        MessageReceived.type: { payload, personal in
            .messageReceived(try decodeFast(MessageReceived.self, payload: payload, personal: personal))
        },
        OutboundMessageQueued.type: { payload, personal in
            .outboundMessageQueued(
                try decodeFast(OutboundMessageQueued.self, payload: payload, personal: personal))
        },
        OutboundMessageSent.type: { payload, personal in
            .outboundMessageSent(
                try decodeFast(OutboundMessageSent.self, payload: payload, personal: personal))
        },
        MessageDelivered.type: { payload, personal in
            .messageDelivered(try decodeFast(MessageDelivered.self, payload: payload, personal: personal))
        },
        MessageRead.type: { payload, personal in
            .messageRead(try decodeFast(MessageRead.self, payload: payload, personal: personal))
        },
        MessageFailed.type: { payload, personal in
            .messageFailed(try decodeBody(MessageFailed.self, payload: payload, personal: personal))
        },
        MessagesReadByAgent.type: { payload, personal in
            .messagesReadByAgent(
                try decodeBody(MessagesReadByAgent.self, payload: payload, personal: personal))
        },
        PendingStatusRecorded.type: { payload, personal in
            .pendingStatusRecorded(
                try decodeBody(PendingStatusRecorded.self, payload: payload, personal: personal))
        },
        WamidLinked.type: { payload, personal in
            .wamidLinked(try decodeBody(WamidLinked.self, payload: payload, personal: personal))
        },
        RawWebhookReceived.type: { payload, personal in
            .rawWebhookReceived(try decodeBody(RawWebhookReceived.self, payload: payload, personal: personal))
        },
    ]

    static func decodeCase(type: String, payload: [UInt8], personal: [UInt8]?) throws -> DomainEvent {
        guard let decode = decoders[type] else { throw DomainCodecError.unknownType(type) }
        return try decode(payload, personal)
    }
}
