import Foundation

/// Stream names of the event log (DESIGN "Domain"); the API wraps them in the store's
/// `StreamName`. Ids are written in lower case so every module spells a stream the same way.
public enum Streams {
    /// `tenant-<id>`: the tenant and its WhatsApp channel.
    public static func tenant(_ id: UUID) -> String { "tenant-" + id.lowercasedString }
    /// `user-<id>`: an agent account.
    public static func user(_ id: UUID) -> String { "user-" + id.lowercasedString }
    /// `department-<id>`.
    public static func department(_ id: UUID) -> String { "department-" + id.lowercasedString }
    /// `tag-<id>`.
    public static func tag(_ id: UUID) -> String { "tag-" + id.lowercasedString }
    /// `contact-<id>`.
    public static func contact(_ id: UUID) -> String { "contact-" + id.lowercasedString }
    /// `conversation-<id>`: the conversation and all its messages.
    public static func conversation(_ id: UUID) -> String {
        "conversation-" + id.lowercasedString
    }
    /// `webhooks-<tenantId>`: raw webhook bodies, kept for audit.
    public static func webhooks(_ tenantId: UUID) -> String {
        "webhooks-" + tenantId.lowercasedString
    }
    /// `wamid-<sha256(wamid)>`: statuses that arrived before their send was recorded.
    public static func wamid(_ wamid: String) -> String { "wamid-" + SHA256.hexDigest(wamid) }
}

extension UUID {
    /// The canonical lower-case text form used in names and keys.
    public var lowercasedString: String { UUIDText.lowercase(self) }
}
