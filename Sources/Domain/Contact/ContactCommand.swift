import Foundation

/// Commands on a contact.
public enum ContactCommand: Sendable, Equatable {
    /// Register a contact; `phoneKey` is `UniqueKeys.phone(…)` computed by the API with its
    /// HMAC key.
    case register(contactId: UUID, tenantId: UUID, phone: String, name: String?, phoneKey: String)
    /// New WhatsApp profile name.
    case updateProfile(name: String)
    /// Erase the contact's personal data (the API forgets the data key afterwards).
    case erase(byUserId: UUID?, phoneKey: String)
}
