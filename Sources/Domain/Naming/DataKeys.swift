import Foundation

/// Names of the data keys that seal personal parts of events.
public enum DataKeys {
    /// `contact-<contactId>`: everything personal about one contact; forgetting it erases them.
    public static func contact(_ contactId: UUID) -> String { "contact-" + contactId.lowercasedString }

    /// `webhook-<rawEventId>`: a raw webhook body that concerns several contacts (or none
    /// that is known yet).
    public static func webhook(_ rawEventId: UUID) -> String { "webhook-" + rawEventId.lowercasedString }

    /// The key that seals a raw webhook body. A body about exactly one contact (the usual
    /// case) is sealed under that contact's key, so erasing the contact erases the body too.
    /// A body about several contacts gets its own key; the event lists the contacts in clear
    /// so erasing any of them can also forget that key.
    public static func rawWebhook(rawEventId: UUID, contactIds: [UUID]) -> String {
        let distinct = Set(contactIds)
        if distinct.count == 1, let only = distinct.first { return contact(only) }
        return webhook(rawEventId)
    }
}
