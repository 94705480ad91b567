/// Type of a message received from WhatsApp; anything unknown is `unsupported`.
public enum InboundMessageType: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    case text = "TEXT"
    case image = "IMAGE"
    case audio = "AUDIO"
    case video = "VIDEO"
    case document = "DOCUMENT"
    case sticker = "STICKER"
    case location = "LOCATION"
    case contacts = "CONTACTS"
    case interactive = "INTERACTIVE"
    case button = "BUTTON"
    case reaction = "REACTION"
    case unsupported = "UNSUPPORTED"
}
