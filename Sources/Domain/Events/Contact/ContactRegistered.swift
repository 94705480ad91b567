import Foundation

/// A contact (a WhatsApp customer) became known.
public struct ContactRegistered: PersonalDataEvent {
    public static let type = "ContactRegistered.v1"

    /// The contact.
    public var contactId: UUID
    /// Its tenant.
    public var tenantId: UUID
    /// The personal part, sealed under the data key; `nil` once erased.
    public var personal: Personal? = nil

    /// Data key that seals `personal`.
    public var dataKey: String { DataKeys.contact(contactId) }

    /// The personal fields of `ContactRegistered`.
    public struct Personal: Codable, Sendable, Equatable, Hashable {
        /// Phone number, digits only.
        public var phone: String
        /// Profile name from WhatsApp.
        public var name: String?

        public init(phone: String, name: String? = nil) {
            self.phone = phone
            self.name = name
        }
    }

    // `personal` is left out: the codec encodes it on its own so the store can seal it.
    enum CodingKeys: String, CodingKey {
        case contactId
        case tenantId
    }

    public init(contactId: UUID, tenantId: UUID, personal: Personal? = nil) {
        self.contactId = contactId
        self.tenantId = tenantId
        self.personal = personal
    }
}

extension ContactRegistered: JSONFieldDecodable {
    static let jsonKeys: [StaticString] = ["contactId", "tenantId"]

    init(fields: JSONFields) throws {
        self.init(contactId: try fields.uuid(0), tenantId: try fields.uuid(1))
    }
}

extension ContactRegistered.Personal: JSONFieldDecodable {
    static let jsonKeys: [StaticString] = ["name", "phone"]

    init(fields: JSONFields) throws {
        self.init(phone: try fields.string(1), name: try fields.optionalString(0))
    }
}
