import Foundation

/// Unique-key strings (DESIGN "Domain"); each maps to the stream that holds it.
public enum UniqueKeys {
    /// `slug:<slug>` → tenant stream.
    public static func slug(_ slug: String) -> String { "slug:" + slug.lowercased() }
    /// `email:<normalized>` → user stream (e-mails are unique across tenants: login is global);
    /// the address in `EmailAddress`'s normal form.
    public static func email(_ email: String) -> String {
        "email:" + EmailAddress.normalized(email)
    }
    /// `meta-number:<phoneNumberId>` → tenant stream.
    public static func metaNumber(_ phoneNumberId: String) -> String {
        "meta-number:" + phoneNumberId
    }
    /// `evolution-instance:<name>` → tenant stream.
    public static func evolutionInstance(_ name: String) -> String {
        "evolution-instance:" + name
    }
    /// `phone:<tenantId>:<hmac(phone)>` → contact stream. The phone is normalised to digits
    /// and keyed-hashed so the key index never holds a phone number in clear.
    public static func phone(tenantId: UUID, phone: String, hmacKey: [UInt8]) -> String {
        "phone:" + tenantId.lowercasedString + ":"
            + HMACSHA256.hexTag(PhoneNumber.normalize(phone), key: hmacKey)
    }
    /// `wamid:<sha256(wamid)>` → conversation stream holding the message.
    public static func wamid(_ wamid: String) -> String { "wamid:" + SHA256.hexDigest(wamid) }
    /// `open-conversation:<contactId>` → the contact's one open conversation.
    public static func openConversation(_ contactId: UUID) -> String {
        "open-conversation:" + contactId.lowercasedString
    }
    /// `tag-name:<tenantId>:<lowercased>` → tag stream.
    public static func tagName(tenantId: UUID, name: String) -> String {
        "tag-name:" + tenantId.lowercasedString + ":" + normalizedName(name)
    }
    /// `department-name:<tenantId>:<lowercased>` → department stream.
    public static func departmentName(tenantId: UUID, name: String) -> String {
        "department-name:" + tenantId.lowercasedString + ":" + normalizedName(name)
    }

    private static func normalizedName(_ name: String) -> String {
        Validate.trimmed(name).lowercased()
    }
}
