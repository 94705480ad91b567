import Domain
import EventStore
import Foundation
import Projections

/// The `contact` embedded in `message:new` (seed 001: id, phoneNumber, name), read from the
/// contact's stream and kept per event stream; profile updates and erasure invalidate it.
struct ContactCards {
    private var cards: [UUID: JSONValue] = [:]

    /// The card of `contactId`; the bare id when the stream cannot be read.
    mutating func card(_ contactId: UUID, store: EventStore) -> JSONValue {
        if let card = cards[contactId] { return card }
        let fallback: JSONValue = .object(["id": .string(contactId.lowercasedString)])
        guard let records = try? store.readStream(StreamName(Streams.contact(contactId))) else {
            return fallback
        }
        let events = records.compactMap { record -> DomainEvent? in
            var personal: [UInt8]?
            if case .clear(let bytes) = record.personal { personal = bytes }
            return try? DomainCodec.decode(type: record.type, payload: record.payload, personal: personal)
        }
        guard let contact = Contact.fold(events) else { return fallback }
        let erased = contact.isErased || records.contains { $0.personal == .erased }
        let card: JSONValue = .object([
            "id": .string(contactId.lowercasedString),
            "phoneNumber": erased ? "[erased]" : contact.phone.map { .string($0) } ?? .null,
            "name": erased ? "[erased]" : contact.name.map { .string($0) } ?? .null,
        ])
        if cards.count >= 1_000 { cards.removeAll() }
        cards[contactId] = card
        return card
    }

    /// Forgets a contact whose profile changed or was erased.
    mutating func invalidate(_ contactId: UUID) {
        cards.removeValue(forKey: contactId)
    }
}
