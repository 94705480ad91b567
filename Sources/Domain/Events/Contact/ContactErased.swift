import Foundation

/// The contact's personal data was erased; the API forgets their data key right after.
public struct ContactErased: DomainEventBody {
    public static let type = "ContactErased.v1"

    /// The contact.
    public var contactId: UUID
    /// Who asked for it.
    public var byUserId: UUID?

    public init(contactId: UUID, byUserId: UUID? = nil) {
        self.contactId = contactId
        self.byUserId = byUserId
    }
}
