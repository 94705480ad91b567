/// A delivery status for an outbound message, as translated from a webhook.
public struct StatusReport: Sendable, Equatable {
    public var provider: ChannelProvider
    public var wamid: String
    /// `sent`, `delivered`, `read` or `failed`.
    public var status: DeliveryStatus
    /// When the provider says it happened (ms).
    public var timestamp: Int64
    /// Recipient phone number, when given.
    public var recipient: String?
    public var failure: DeliveryFailure?

    public init(
        provider: ChannelProvider, wamid: String, status: DeliveryStatus, timestamp: Int64,
        recipient: String? = nil, failure: DeliveryFailure? = nil
    ) {
        self.provider = provider
        self.wamid = wamid
        self.status = status
        self.timestamp = timestamp
        self.recipient = recipient
        self.failure = failure
    }
}
