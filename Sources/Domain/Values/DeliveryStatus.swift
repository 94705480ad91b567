/// Delivery status of an outbound message. It only moves forward:
/// queued < sent < delivered < read < failed, and failed is terminal. Ranking `failed`
/// highest makes the final status the same whatever order the provider's reports arrive in.
/// Only forward moves are recorded, and a skipped step is implied: a `MessageRead` with no
/// `MessageDelivered` before it means delivered and read.
public enum DeliveryStatus: String, Codable, Sendable, Equatable, Hashable, CaseIterable,
    Comparable
{
    case queued = "QUEUED"
    case sent = "SENT"
    case delivered = "DELIVERED"
    case read = "READ"
    case failed = "FAILED"

    /// Position in the forward-only order.
    public var rank: Int {
        switch self {
        case .queued: 0
        case .sent: 1
        case .delivered: 2
        case .read: 3
        case .failed: 4
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
