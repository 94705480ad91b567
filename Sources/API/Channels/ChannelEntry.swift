import Domain
import Foundation
import Projections

/// One tenant's WhatsApp channel as webhook routing and the dispatcher need it.
public struct ChannelEntry: Sendable, Equatable {
    public var tenantId: UUID
    public var provider: ChannelProvider
    public var phoneNumberId: String?
    public var displayPhoneNumber: String?
    public var instanceName: String?
    public var apiBaseUrl: String?
    public var apiVersion: String?
    /// `nil` when the sealed secrets could not be opened (another master key).
    public var secrets: ChannelSecrets?
    /// Last Evolution connection state since the channel was configured.
    public var connectionState: ChannelConnectionState?
    /// When the channel was last configured (ms).
    public var configuredAt: Int64
    /// When its status last changed: configured, or a connection report (ms).
    public var statusChangedAt: Int64

    var status: ChannelStatus { ChannelStatus(provider: provider, connection: connectionState) }

    /// The one public view of a channel, answered by `PUT /api/channels/whatsapp` and
    /// `GET /api/channels`: never the secrets.
    var view: JSONValue {
        func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        return .object([
            "type": "whatsapp", "provider": .string(provider.rawValue),
            "phoneNumberId": optional(phoneNumberId), "displayPhoneNumber": optional(displayPhoneNumber),
            "instanceName": optional(instanceName), "apiBaseUrl": optional(apiBaseUrl),
            "apiVersion": optional(apiVersion), "status": .string(status.rawValue),
            "configuredAt": .string(Timestamp.format(milliseconds: configuredAt)),
            "updatedAt": .string(Timestamp.format(milliseconds: statusChangedAt)),
        ])
    }
}
