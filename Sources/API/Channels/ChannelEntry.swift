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
    /// Last Evolution connection state.
    public var connectionState: ChannelConnectionState?
    /// When the channel was last configured (ms).
    public var configuredAt: Int64

    /// The public view answered by `PUT /api/channels/whatsapp`: never the secrets.
    var view: JSONValue {
        func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        let status: String =
            switch (provider, connectionState) {
            case (.meta, _): "CONFIGURED"
            case (.evolution, .open): "CONNECTED"
            case (.evolution, .connecting): "CONNECTING"
            case (.evolution, .close): "DISCONNECTED"
            case (.evolution, nil): "CONFIGURED"
            }
        return .object([
            "type": "whatsapp", "provider": .string(provider.rawValue),
            "phoneNumberId": optional(phoneNumberId), "displayPhoneNumber": optional(displayPhoneNumber),
            "instanceName": optional(instanceName), "apiBaseUrl": optional(apiBaseUrl),
            "apiVersion": optional(apiVersion), "status": .string(status),
            "configuredAt": .string(Timestamp.format(milliseconds: configuredAt)),
        ])
    }
}
