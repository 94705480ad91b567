import Foundation

/// The Evolution instance reported a new connection state.
public struct ChannelStatusChanged: DomainEventBody {
    public static let type = "ChannelStatusChanged.v1"

    /// The tenant.
    public var tenantId: UUID
    /// New state.
    public var state: ChannelConnectionState
    /// When the provider reported it (ms).
    public var at: Int64

    public init(tenantId: UUID, state: ChannelConnectionState, at: Int64) {
        self.tenantId = tenantId
        self.state = state
        self.at = at
    }
}
