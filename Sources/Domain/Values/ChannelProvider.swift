/// The WhatsApp provider behind a tenant's channel.
public enum ChannelProvider: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    case meta
    case evolution
}
