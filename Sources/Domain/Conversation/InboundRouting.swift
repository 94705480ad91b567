import Foundation

/// Routes a webhook message to its contact and conversation. The API looks up, in order:
/// `UniqueKeys.wamid` (held → a redelivery: decide `.receive` on that conversation, which
/// appends nothing), `UniqueKeys.phone` (→ the contact) and `UniqueKeys.openConversation`
/// (→ the open conversation), loads what it found and calls this. A message whose contact
/// has no open conversation (never had one, or it was closed) opens a NEW conversation.
/// New contact and conversation ids are name-based on the message, so concurrent
/// deliveries of one webhook collide on the same streams instead of duplicating.
public enum InboundRouting {
    /// Decides a message from the contact.
    public static func decide(
        _ message: InboundMessage, tenantId: UUID, contact: Contact?, phoneKey: String,
        openConversation: Conversation?, now: Int64
    ) throws -> MultiStreamDecision {
        var route = try Route(
            provider: message.provider, wamid: message.wamid, phone: message.from,
            profileName: message.profileName,
            tenantId: tenantId, contact: contact, phoneKey: phoneKey, openConversation: openConversation,
            openedBy: .inbound, now: now)
        let decision = try Conversation.decide(.receive(message), state: route.conversation, now: now)
        route.add(decision)
        return route.result
    }

    /// Decides a message the business sent from the phone (Evolution `fromMe: true`).
    public static func decide(
        _ message: PhoneOutboundMessage, tenantId: UUID, contact: Contact?, phoneKey: String,
        openConversation: Conversation?, now: Int64
    ) throws -> MultiStreamDecision {
        var route = try Route(
            provider: message.provider, wamid: message.wamid, phone: message.to, profileName: nil,
            tenantId: tenantId,
            contact: contact, phoneKey: phoneKey, openConversation: openConversation, openedBy: .agent,
            now: now)
        let decision = try Conversation.decide(
            .recordPhoneOutbound(message), state: route.conversation, now: now)
        route.add(decision)
        return route.result
    }
}

/// The streams an inbound route touches, built up step by step.
private struct Route {
    var contactId: UUID
    var conversation: Conversation?
    var conversationId: UUID
    var contactEvents: [DecidedEvent] = []
    var contactIsNew: Bool
    var conversationEvents: [DecidedEvent] = []
    var conversationIsNew: Bool
    var keyChanges: [DomainKeyChange] = []

    init(
        provider: ChannelProvider, wamid: String, phone: String, profileName: String?, tenantId: UUID,
        contact: Contact?, phoneKey: String, openConversation: Conversation?, openedBy: ConversationOpener,
        now: Int64
    ) throws {
        func derivedId(_ kind: String) -> UUID {
            EventIDs.derived(provider: provider, wamid: wamid, kind: kind)
        }
        if let contact, !contact.isErased {
            contactId = contact.id
            contactIsNew = false
            let update = try Contact.decide(.updateProfile(name: profileName ?? ""), state: contact)
            contactEvents = update.events.map {
                DecidedEvent($0.event, id: derivedId(ContactProfileUpdated.type))
            }
        } else {
            contactId = derivedId("contact")
            contactIsNew = true
            let registration = try Contact.decide(
                .register(
                    contactId: contactId, tenantId: tenantId, phone: phone, name: profileName,
                    phoneKey: phoneKey),
                state: nil)
            contactEvents = registration.events.map {
                DecidedEvent($0.event, id: derivedId(ContactRegistered.type))
            }
            keyChanges += registration.keyChanges
        }
        if let openConversation, !openConversation.isClosed, openConversation.contactId == contactId {
            conversation = openConversation
            conversationId = openConversation.id
            conversationIsNew = false
        } else {
            conversationId = derivedId("conversation")
            conversationIsNew = true
            let opened = ConversationOpened(
                conversationId: conversationId, tenantId: tenantId, contactId: contactId, openedBy: openedBy,
                at: now)
            conversationEvents = [
                DecidedEvent(.conversationOpened(opened), id: derivedId(ConversationOpened.type))
            ]
            keyChanges.append(
                .reserve(
                    key: UniqueKeys.openConversation(contactId), stream: Streams.conversation(conversationId))
            )
            conversation = Conversation.evolve(nil, .conversationOpened(opened))
        }
    }

    mutating func add(_ decision: Decision) {
        conversationEvents += decision.events
        keyChanges += decision.keyChanges
    }

    var result: MultiStreamDecision {
        var streams: [StreamDecision] = []
        if !contactEvents.isEmpty {
            streams.append(
                StreamDecision(
                    stream: Streams.contact(contactId), isNewStream: contactIsNew, events: contactEvents))
        }
        if !conversationEvents.isEmpty {
            streams.append(
                StreamDecision(
                    stream: Streams.conversation(conversationId), isNewStream: conversationIsNew,
                    events: conversationEvents))
        }
        return MultiStreamDecision(
            contactId: contactId, conversationId: conversationId, streams: streams, keyChanges: keyChanges)
    }
}
