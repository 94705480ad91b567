import Foundation

/// The contact's WhatsApp profile name changed.
public struct ContactProfileUpdated: PersonalDataEvent {
    public static let type = "ContactProfileUpdated.v1"

    /// The contact.
    public var contactId: UUID
    /// The personal part, sealed under the data key; `nil` once erased.
    public var personal: Personal? = nil

    /// Data key that seals `personal`.
    public var dataKey: String { DataKeys.contact(contactId) }

    /// The personal fields of `ContactProfileUpdated`.
    public struct Personal: Codable, Sendable, Equatable, Hashable {
        /// New profile name.
        public var name: String

        public init(name: String) {
            self.name = name
        }
    }

    // `personal` is left out: the codec encodes it on its own so the store can seal it.
    enum CodingKeys: String, CodingKey {
        case contactId
    }

    public init(contactId: UUID, personal: Personal? = nil) {
        self.contactId = contactId
        self.personal = personal
    }
}
