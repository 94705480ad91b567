import Foundation

/// A message a contact sent, as translated from a webhook.
public struct InboundMessage: Sendable, Equatable {
    public var provider: ChannelProvider
    /// Provider message id.
    public var wamid: String
    /// Sender's phone number, digits only.
    public var from: String
    /// Sender's WhatsApp profile name, when the webhook carries it.
    public var profileName: String?
    public var type: InboundMessageType
    /// When WhatsApp says it was sent (ms).
    public var timestamp: Int64
    public var content: InboundContent
    /// Message replied or reacted to.
    public var replyToWamid: String?

    public init(
        provider: ChannelProvider, wamid: String, from: String, profileName: String? = nil,
        type: InboundMessageType, timestamp: Int64, content: InboundContent, replyToWamid: String? = nil
    ) {
        self.provider = provider
        self.wamid = wamid
        self.from = from
        self.profileName = profileName
        self.type = type
        self.timestamp = timestamp
        self.content = content
        self.replyToWamid = replyToWamid
    }

    /// Deterministic message id: a redelivery names the same message.
    public var messageId: UUID { EventIDs.message(provider: provider, wamid: wamid) }
}
