/// Where an outbound message was written: in ChatLedger by an agent, or on the phone itself.
public enum MessageOrigin: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    case agent
    case phone
}
