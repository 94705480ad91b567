/// Connection state of an Evolution API instance (`connection.update`).
public enum ChannelConnectionState: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    case open
    case connecting
    case close
    /// The session was refused (e.g. the QR code was not scanned in time); Evolution API v2
    /// reports it with a `statusReason`.
    case refused
}
