import Foundation

/// A contact folded from the `contact-<id>` stream. `phone`/`name` are `nil` when the
/// personal part was erased.
public struct Contact: Aggregate, Equatable {
    public var id: UUID
    public var tenantId: UUID
    public var phone: String?
    public var name: String?
    public var isErased: Bool

    /// Folds one event; events of other aggregates leave the state unchanged.
    public static func evolve(_ state: Contact?, _ event: DomainEvent) -> Contact? {
        switch event {
        case .contactRegistered(let registered):
            return Contact(
                id: registered.contactId, tenantId: registered.tenantId, phone: registered.personal?.phone,
                name: registered.personal?.name, isErased: false)
        case .contactProfileUpdated(let updated):
            guard var contact = state else { return state }
            contact.name = updated.personal?.name
            return contact
        case .contactErased:
            guard var contact = state else { return state }
            contact.phone = nil
            contact.name = nil
            contact.isErased = true
            return contact
        default:
            return state
        }
    }

}
