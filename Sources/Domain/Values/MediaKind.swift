/// Kind of media an outbound media message carries.
public enum MediaKind: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    case image = "IMAGE"
    case audio = "AUDIO"
    case video = "VIDEO"
    case document = "DOCUMENT"

    /// The matching outbound message kind.
    public var messageKind: OutboundMessageKind {
        switch self {
        case .image: .image
        case .audio: .audio
        case .video: .video
        case .document: .document
        }
    }
}
