import Foundation

extension Contact {
    /// Decides a contact command against the folded state (`nil` = no stream yet).
    public static func decide(_ command: ContactCommand, state: Contact?) throws -> Decision {
        switch command {
        case .register(let contactId, let tenantId, let phone, let name, let phoneKey):
            if state != nil { throw DomainError.invalidState("contact already exists", field: "phoneNumber") }
            let digits = PhoneNumber.normalize(phone)
            if digits.count < 6 || digits.count > 20 {
                throw DomainError(
                    .validation, field: "phoneNumber", message: "phoneNumber must have 6 to 20 digits")
            }
            let cleanName = try Validate.optionalText(name, field: "name", max: 256)
            let registered = ContactRegistered(
                contactId: contactId, tenantId: tenantId, personal: .init(phone: digits, name: cleanName))
            return Decision(
                [.contactRegistered(registered)],
                keyChanges: [.reserve(key: phoneKey, stream: Streams.contact(contactId))])
        case .updateProfile(let name):
            guard let contact = state else { throw DomainError.notFound("contact") }
            guard let cleanName = try Validate.optionalText(name, field: "name", max: 256),
                cleanName != contact.name, !contact.isErased
            else { return .none }
            return Decision([
                .contactProfileUpdated(
                    ContactProfileUpdated(contactId: contact.id, personal: .init(name: cleanName)))
            ])
        case .erase(let byUserId, let phoneKey):
            guard let contact = state else { throw DomainError.notFound("contact") }
            if contact.isErased { return .none }
            return Decision(
                [.contactErased(ContactErased(contactId: contact.id, byUserId: byUserId))],
                keyChanges: [.release(key: phoneKey, stream: Streams.contact(contact.id))])
        }
    }
}
