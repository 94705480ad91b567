import Domain
import Foundation

/// One filled-in event of every type, for codec tests.
enum SampleEvents {
    static func id(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", n))!
    }

    static let tenant = id(1)
    static let user = id(2)
    static let department = id(3)
    static let contact = id(4)
    static let conversation = id(5)
    static let message = id(6)
    static let at: Int64 = 1_731_400_000_000
    static let failure = DeliveryFailure(
        code: 131047, title: "Re-engagement message", details: "More than 24 hours", retryable: false)

    static let all: [DomainEvent] = [
        .tenantRegistered(TenantRegistered(tenantId: tenant, name: "Hotel ABC", slug: "hotel-abc")),
        .whatsAppChannelConfigured(
            WhatsAppChannelConfigured(
                tenantId: tenant, provider: .meta, phoneNumberId: "1234", displayPhoneNumber: "+55 11 4000",
                apiBaseUrl: "https://graph.facebook.com", apiVersion: "v21.0", sealedSecrets: "c2VhbGVk")),
        .channelStatusChanged(ChannelStatusChanged(tenantId: tenant, state: .connecting, at: at)),
        .userCreated(
            UserCreated(
                userId: user, tenantId: tenant, name: "Maria", email: "maria@hotel.com",
                passwordHash: "$argon2id$v=19$...", role: .agent, departmentId: department)),
        .userRoleChanged(UserRoleChanged(userId: user, role: .supervisor, byUserId: id(9))),
        .userDepartmentChanged(UserDepartmentChanged(userId: user, departmentId: nil)),
        .userActivated(UserActivated(userId: user)),
        .userDeactivated(UserDeactivated(userId: user, byUserId: id(9))),
        .userPasswordChanged(UserPasswordChanged(userId: user, passwordHash: "$argon2id$new")),
        .departmentCreated(
            DepartmentCreated(
                departmentId: department, tenantId: tenant, name: "Vendas", color: "#10B981",
                maxConcurrentPerAgent: 3, expectedResponseMinutes: 15)),
        .departmentUpdated(
            DepartmentUpdated(
                departmentId: department, tenantId: tenant, name: "Suporte", color: "#3B82F6",
                maxConcurrentPerAgent: 5, expectedResponseMinutes: 10)),
        .tagCreated(TagCreated(tagId: id(7), tenantId: tenant, name: "Reserva", color: "#4CAF50")),
        .contactRegistered(
            ContactRegistered(
                contactId: contact, tenantId: tenant,
                personal: .init(phone: "5511999999999", name: "João Silva"))),
        .contactProfileUpdated(ContactProfileUpdated(contactId: contact, personal: .init(name: "João S."))),
        .contactErased(ContactErased(contactId: contact, byUserId: user)),
        .conversationOpened(
            ConversationOpened(
                conversationId: conversation, tenantId: tenant, contactId: contact, openedBy: .inbound,
                at: at)),
        .conversationStatusChanged(
            ConversationStatusChanged(
                conversationId: conversation, from: .open, to: .inProgress, byUserId: user)),
        .conversationPriorityChanged(
            ConversationPriorityChanged(conversationId: conversation, priority: .urgent, byUserId: user)),
        .conversationTagsChanged(
            ConversationTagsChanged(conversationId: conversation, tagIds: [id(7), id(8)])),
        .conversationAssigned(
            ConversationAssigned(conversationId: conversation, userId: user, byUserId: id(9))),
        .conversationTransferred(
            ConversationTransferred(
                conversationId: conversation, contactId: contact, transferId: id(10), fromUserId: user,
                toUserId: id(11), fromDepartmentId: department, toDepartmentId: id(12), byUserId: user,
                at: at,
                personal: .init(reason: "Cliente solicitou especialista"))),
        .conversationClosed(
            ConversationClosed(
                conversationId: conversation, contactId: contact, byUserId: user, at: at,
                personal: .init(notes: "Cliente satisfeito"))),
        .conversationReopened(ConversationReopened(conversationId: conversation, contactId: contact, at: at)),
        .conversationRated(
            ConversationRated(
                conversationId: conversation, contactId: contact, score: 5, at: at,
                personal: .init(comment: "Excelente atendimento!"))),
        .messageReceived(
            MessageReceived(
                conversationId: conversation, contactId: contact, messageId: message, wamid: "wamid.IN1",
                messageType: .image, providerTimestamp: at - 5000, replyToWamid: "wamid.OUT0", receivedAt: at,
                personal: InboundContent(
                    caption: "Foto do quarto", mediaId: "media-1", mimeType: "image/jpeg"))),
        .outboundMessageQueued(
            OutboundMessageQueued(
                conversationId: conversation, contactId: contact, messageId: id(13), kind: .interactive,
                sentById: user, origin: .agent, at: at,
                personal: .buttons(
                    ButtonsContent(
                        body: "Escolha uma opção:", buttons: [ReplyButton(id: "opt1", title: "Nova Reserva")],
                        header: "Menu Principal", footer: "Disponível 24/7")))),
        .outboundMessageSent(
            OutboundMessageSent(conversationId: conversation, messageId: id(13), wamid: "wamid.OUT1", at: at)),
        .messageDelivered(
            MessageDelivered(conversationId: conversation, messageId: id(13), wamid: "wamid.OUT1", at: at)),
        .messageRead(
            MessageRead(conversationId: conversation, messageId: id(13), wamid: "wamid.OUT1", at: at)),
        .messageFailed(
            MessageFailed(
                conversationId: conversation, messageId: id(13), wamid: "wamid.OUT1", at: at, failure: failure
            )),
        .messagesReadByAgent(MessagesReadByAgent(conversationId: conversation, userId: user, at: at)),
        .pendingStatusRecorded(
            PendingStatusRecorded(wamid: "wamid.OUT2", status: .failed, at: at, failure: failure)),
        .wamidLinked(WamidLinked(wamid: "wamid.OUT2", conversationId: conversation, messageId: id(14))),
        .rawWebhookReceived(
            RawWebhookReceived(
                tenantId: tenant, provider: .evolution, receivedAt: at, contactIds: [contact],
                sealedUnder: DataKeys.contact(contact), personal: .init(body: #"{"event":"messages.upsert"}"#)
            )),
    ]
}
