import Foundation

/// One message of a conversation as the deciders need it.
public struct ConversationMessage: Sendable, Equatable {
    public var id: UUID
    public var direction: MessageDirection
    /// Type of an inbound message.
    public var inboundType: InboundMessageType?
    /// Kind of an outbound message.
    public var outboundKind: OutboundMessageKind?
    /// Where an outbound message was written.
    public var origin: MessageOrigin?
    /// Delivery status; inbound messages are `delivered` (they reached us).
    public var status: DeliveryStatus
    /// Provider message id, once known.
    public var wamid: String?
    /// When it was received or queued (ms).
    public var createdAt: Int64
    public var sentAt: Int64?
    public var deliveredAt: Int64?
    public var readAt: Int64?
    public var failedAt: Int64?
    public var failure: DeliveryFailure?

    public init(
        id: UUID, direction: MessageDirection, inboundType: InboundMessageType? = nil,
        outboundKind: OutboundMessageKind? = nil, origin: MessageOrigin? = nil, status: DeliveryStatus,
        wamid: String? = nil, createdAt: Int64
    ) {
        self.id = id
        self.direction = direction
        self.inboundType = inboundType
        self.outboundKind = outboundKind
        self.origin = origin
        self.status = status
        self.wamid = wamid
        self.createdAt = createdAt
    }
}
