/// Priority of a conversation, ordered from `low` to `urgent`.
public enum ConversationPriority: String, Codable, Sendable, Equatable, Hashable, CaseIterable,
    Comparable
{
    case low = "LOW"
    case medium = "MEDIUM"
    case high = "HIGH"
    case urgent = "URGENT"

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .urgent: 3
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
