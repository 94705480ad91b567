import Domain
import Foundation

/// Routes webhook items of one tenant to their streams (DESIGN "Domain": wamid key, then
/// phone key, then the contact's open conversation) and adds the decisions to a plan.
// A class: it collects the contacts the items concern while routing them.
final class InboundIngest {
    let builder: PlanBuilder
    let tenantId: UUID
    /// Keys the phone index (`phone:<tenant>:<hmac(phone)>`) so it never holds a number in clear.
    let phoneIndexKey: [UInt8]
    let now: Int64
    /// The contacts the routed items belong to, in order of first appearance.
    private(set) var contactIds: [UUID] = []

    init(builder: PlanBuilder, tenantId: UUID, phoneIndexKey: [UInt8], now: Int64) {
        self.builder = builder
        self.tenantId = tenantId
        self.phoneIndexKey = phoneIndexKey
        self.now = now
    }

    private func concern(_ contactId: UUID) {
        if !contactIds.contains(contactId) { contactIds.append(contactId) }
    }

    private func concern(conversation stream: String) throws {
        if let conversation = try builder.state(of: stream, Conversation.evolve) {
            concern(conversation.contactId)
        }
    }

    /// A message from a contact; a redelivered wamid adds nothing.
    func receive(_ message: InboundMessage) throws {
        if let stream = try builder.lookup(UniqueKeys.wamid(message.wamid)) {
            let decision = try Conversation.decide(
                .receive(message), state: try builder.state(of: stream, Conversation.evolve), now: now)
            try builder.add(decision, on: stream)
            try concern(conversation: stream)
            return
        }
        let (contact, phoneKey, open) = try route(phone: message.from)
        let decision = try InboundRouting.decide(
            message, tenantId: tenantId, contact: contact, phoneKey: phoneKey, openConversation: open,
            now: now)
        try builder.add(decision)
        concern(decision.contactId)
    }

    /// A message the business sent from its phone (Evolution `fromMe`).
    func recordPhoneOutbound(_ message: PhoneOutboundMessage) throws {
        if let stream = try builder.lookup(UniqueKeys.wamid(message.wamid)) {
            try concern(conversation: stream)
            return
        }
        let (contact, phoneKey, open) = try route(phone: message.to)
        let decision = try InboundRouting.decide(
            message, tenantId: tenantId, contact: contact, phoneKey: phoneKey, openConversation: open,
            now: now)
        try builder.add(decision)
        concern(decision.contactId)
    }

    /// A delivery status: applied to the conversation holding the wamid, or kept in the
    /// `wamid-…` stream until the send is recorded.
    func applyStatus(_ report: StatusReport) throws {
        if let stream = try builder.lookup(UniqueKeys.wamid(report.wamid)) {
            let decision = try Conversation.decide(
                .applyStatus(report), state: try builder.state(of: stream, Conversation.evolve), now: now)
            try builder.add(decision, on: stream)
            try concern(conversation: stream)
            return
        }
        let stream = Streams.wamid(report.wamid)
        switch WamidStatuses.decide(report, state: try builder.state(of: stream, WamidStatuses.evolve)) {
        case .recordPending(let pending):
            try builder.add(pending.events, to: pending.stream)
        case .applyTo(let conversationId):
            let conversation = Streams.conversation(conversationId)
            let decision = try Conversation.decide(
                .applyStatus(report), state: try builder.state(of: conversation, Conversation.evolve),
                now: now)
            try builder.add(decision, on: conversation)
            try concern(conversation: conversation)
        case .nothing:
            break
        }
    }

    private func route(phone: String) throws -> (Contact?, String, Conversation?) {
        let phoneKey = UniqueKeys.phone(tenantId: tenantId, phone: phone, hmacKey: phoneIndexKey)
        guard let contactStream = try builder.lookup(phoneKey),
            let contact = try builder.state(of: contactStream, Contact.evolve)
        else { return (nil, phoneKey, nil) }
        guard let conversationStream = try builder.lookup(UniqueKeys.openConversation(contact.id)) else {
            return (contact, phoneKey, nil)
        }
        return (contact, phoneKey, try builder.state(of: conversationStream, Conversation.evolve))
    }
}
