import Foundation

@testable import Domain

/// The `Codable` path alone, as `DomainCodec` decoded before the hand-written decoders: the
/// reference they must agree with.
enum CodableReference {
    /// The event types that have a hand-written decoder.
    static let fastTypes: Set<String> = [
        ContactRegistered.type, ConversationOpened.type, ConversationAssigned.type, ConversationClosed.type,
        ConversationRated.type, MessageReceived.type, OutboundMessageQueued.type, OutboundMessageSent.type,
        MessageDelivered.type, MessageRead.type,
    ]

    static func decode(type: String, payload: [UInt8], personal: [UInt8]?) throws -> DomainEvent {
        switch type {
        case ContactRegistered.type:
            .contactRegistered(
                try DomainCodec.decodeBody(ContactRegistered.self, payload: payload, personal: personal))
        case ConversationOpened.type:
            .conversationOpened(
                try DomainCodec.decodeBody(ConversationOpened.self, payload: payload, personal: personal))
        case ConversationAssigned.type:
            .conversationAssigned(
                try DomainCodec.decodeBody(ConversationAssigned.self, payload: payload, personal: personal))
        case ConversationClosed.type:
            .conversationClosed(
                try DomainCodec.decodeBody(ConversationClosed.self, payload: payload, personal: personal))
        case ConversationRated.type:
            .conversationRated(
                try DomainCodec.decodeBody(ConversationRated.self, payload: payload, personal: personal))
        case MessageReceived.type:
            .messageReceived(
                try DomainCodec.decodeBody(MessageReceived.self, payload: payload, personal: personal))
        case OutboundMessageQueued.type:
            .outboundMessageQueued(
                try DomainCodec.decodeBody(OutboundMessageQueued.self, payload: payload, personal: personal))
        case OutboundMessageSent.type:
            .outboundMessageSent(
                try DomainCodec.decodeBody(OutboundMessageSent.self, payload: payload, personal: personal))
        case MessageDelivered.type:
            .messageDelivered(
                try DomainCodec.decodeBody(MessageDelivered.self, payload: payload, personal: personal))
        case MessageRead.type:
            .messageRead(try DomainCodec.decodeBody(MessageRead.self, payload: payload, personal: personal))
        default:
            try DomainCodec.decode(type: type, payload: payload, personal: personal)
        }
    }

    /// What a decode gave: the event, or the error's full description.
    enum Outcome: Equatable, CustomStringConvertible {
        case event(DomainEvent)
        case failure(String)

        init(_ decode: () throws -> DomainEvent) {
            do {
                self = .event(try decode())
            } catch {
                self = .failure(String(describing: error))
            }
        }

        var description: String {
            switch self {
            case .event(let event): "\(event)"
            case .failure(let reason): "error: \(reason)"
            }
        }
    }

    /// The codec's outcome and the reference's for the same bytes.
    static func both(type: String, payload: [UInt8], personal: [UInt8]?) -> (
        codec: Outcome, reference: Outcome
    ) {
        (
            Outcome { try DomainCodec.decode(type: type, payload: payload, personal: personal) },
            Outcome { try decode(type: type, payload: payload, personal: personal) }
        )
    }

    /// Whether the hand-written decoders alone read both parts (no fallback to `Codable`).
    static func takenByHand(type: String, payload: [UInt8], personal: [UInt8]?) -> Bool {
        switch type {
        case ContactRegistered.type: byHand(ContactRegistered.self, payload, personal)
        case ConversationOpened.type: byHand(ConversationOpened.self, payload, personal)
        case ConversationAssigned.type: byHand(ConversationAssigned.self, payload, personal)
        case ConversationClosed.type: byHand(ConversationClosed.self, payload, personal)
        case ConversationRated.type: byHand(ConversationRated.self, payload, personal)
        case MessageReceived.type: byHand(MessageReceived.self, payload, personal)
        case OutboundMessageQueued.type: byHand(OutboundMessageQueued.self, payload, personal)
        case OutboundMessageSent.type: byHand(OutboundMessageSent.self, payload, personal)
        case MessageDelivered.type: byHand(MessageDelivered.self, payload, personal)
        case MessageRead.type: byHand(MessageRead.self, payload, personal)
        default: false
        }
    }

    private static func byHand<E: DomainEventBody & JSONFieldDecodable>(
        _: E.Type, _ payload: [UInt8], _ personal: [UInt8]?
    ) -> Bool {
        JSONFields.decode(E.self, from: payload) != nil
    }

    private static func byHand<E: PersonalDataEvent & JSONFieldDecodable>(
        _: E.Type, _ payload: [UInt8], _ personal: [UInt8]?
    ) -> Bool where E.Personal: JSONFieldDecodable {
        guard JSONFields.decode(E.self, from: payload) != nil else { return false }
        return personal.map { JSONFields.decode(E.Personal.self, from: $0) != nil } ?? true
    }
}
