import Foundation

/// A tenant and its WhatsApp channel, folded from the `tenant-<id>` stream.
public struct Tenant: Aggregate, Equatable {
    public var id: UUID
    public var name: String
    public var slug: String
    /// The configured channel, if any.
    public var channel: WhatsAppChannelConfigured?
    /// Last connection state reported by an Evolution instance.
    public var connectionState: ChannelConnectionState?

    /// Folds one event; events of other aggregates leave the state unchanged.
    public static func evolve(_ state: Tenant?, _ event: DomainEvent) -> Tenant? {
        switch event {
        case .tenantRegistered(let registered):
            return Tenant(id: registered.tenantId, name: registered.name, slug: registered.slug)
        case .whatsAppChannelConfigured(let configured):
            guard var tenant = state else { return state }
            tenant.channel = configured
            return tenant
        case .channelStatusChanged(let changed):
            guard var tenant = state else { return state }
            tenant.connectionState = changed.state
            return tenant
        default:
            return state
        }
    }

}
