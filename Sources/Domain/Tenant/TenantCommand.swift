import Foundation

/// Commands on a tenant.
public enum TenantCommand: Sendable, Equatable {
    /// Register a new tenant (seed 001 `POST /auth/register`).
    case register(tenantId: UUID, name: String, slug: String)
    /// Connect or reconfigure the WhatsApp channel.
    case configureChannel(ChannelSettings)
    /// Record an Evolution `connection.update`.
    case changeConnectionState(ChannelConnectionState, at: Int64)
}

/// Settings of a WhatsApp channel as the API received them (secrets already sealed).
public struct ChannelSettings: Sendable, Equatable {
    public var provider: ChannelProvider
    public var phoneNumberId: String?
    public var displayPhoneNumber: String?
    public var instanceName: String?
    public var apiBaseUrl: String?
    public var apiVersion: String?
    public var sealedSecrets: String

    public init(
        provider: ChannelProvider, phoneNumberId: String? = nil, displayPhoneNumber: String? = nil,
        instanceName: String? = nil, apiBaseUrl: String? = nil, apiVersion: String? = nil,
        sealedSecrets: String
    ) {
        self.provider = provider
        self.phoneNumberId = phoneNumberId
        self.displayPhoneNumber = displayPhoneNumber
        self.instanceName = instanceName
        self.apiBaseUrl = apiBaseUrl
        self.apiVersion = apiVersion
        self.sealedSecrets = sealedSecrets
    }
}
