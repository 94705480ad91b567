/// Lifecycle status of a conversation (seed 001).
public enum ConversationStatus: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    case open = "OPEN"
    case inProgress = "IN_PROGRESS"
    case waiting = "WAITING"
    case closed = "CLOSED"
}
