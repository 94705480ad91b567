/// Kind of an outbound message (seed 001 `type`).
public enum OutboundMessageKind: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    case text = "TEXT"
    case image = "IMAGE"
    case audio = "AUDIO"
    case video = "VIDEO"
    case document = "DOCUMENT"
    case template = "TEMPLATE"
    case interactive = "INTERACTIVE"
}
