/// Whether a message came from the contact or was sent to them.
public enum MessageDirection: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    case inbound = "INBOUND"
    case outbound = "OUTBOUND"
}
