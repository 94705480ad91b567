import Foundation

/// A webhook body translated into typed items, grouped by the channel they arrived on.
public struct WebhookTranslation: Sendable, Equatable {
    public var provider: ChannelProvider
    /// Name-based id of the raw body (same bytes → same id); the `RawWebhookReceived` id.
    public var rawEventId: UUID
    /// One group per phone_number_id (Meta) or instance (Evolution), in order of appearance.
    public var channels: [ChannelItems]

    public init(provider: ChannelProvider, rawEventId: UUID, channels: [ChannelItems]) {
        self.provider = provider
        self.rawEventId = rawEventId
        self.channels = channels
    }

    /// Every item, in order.
    public var allItems: [WebhookItem] { channels.flatMap(\.items) }
}

/// Items that arrived on one channel.
public struct ChannelItems: Sendable, Equatable {
    public var provider: ChannelProvider
    /// Meta `phone_number_id` or Evolution instance name.
    public var channelId: String
    /// Meta `display_phone_number`, when given.
    public var displayPhoneNumber: String?
    public var items: [WebhookItem]

    public init(
        provider: ChannelProvider, channelId: String, displayPhoneNumber: String? = nil, items: [WebhookItem]
    ) {
        self.provider = provider
        self.channelId = channelId
        self.displayPhoneNumber = displayPhoneNumber
        self.items = items
    }

    /// The unique key that names the tenant owning this channel.
    public var tenantKey: String {
        switch provider {
        case .meta: UniqueKeys.metaNumber(channelId)
        case .evolution: UniqueKeys.evolutionInstance(channelId)
        }
    }
}

/// One thing a webhook reported.
public enum WebhookItem: Sendable, Equatable {
    /// A message from a contact.
    case message(InboundMessage)
    /// A message the business sent from the phone.
    case phoneOutbound(PhoneOutboundMessage)
    /// A delivery status of an outbound message.
    case status(StatusReport)
    /// An Evolution connection state change; `eventId` is name-based on the body.
    case connection(state: ChannelConnectionState, eventId: UUID)
}
