/// Connection state of an Evolution API instance (`connection.update`).
public enum ChannelConnectionState: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    case open
    case connecting
    case close
}
