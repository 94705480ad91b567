import Foundation

/// A message the business sent from the phone itself (Evolution `fromMe: true`).
public struct PhoneOutboundMessage: Sendable, Equatable {
    public var provider: ChannelProvider
    public var wamid: String
    /// Recipient's phone number, digits only.
    public var to: String
    /// When it was sent (ms).
    public var timestamp: Int64
    public var content: OutboundContent

    public init(
        provider: ChannelProvider, wamid: String, to: String, timestamp: Int64, content: OutboundContent
    ) {
        self.provider = provider
        self.wamid = wamid
        self.to = to
        self.timestamp = timestamp
        self.content = content
    }

    /// Deterministic message id.
    public var messageId: UUID { EventIDs.message(provider: provider, wamid: wamid) }
}
