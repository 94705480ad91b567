import Foundation

/// The tenant connected (or reconfigured) its WhatsApp channel.
public struct WhatsAppChannelConfigured: DomainEventBody {
    public static let type = "WhatsAppChannelConfigured.v1"

    /// The tenant.
    public var tenantId: UUID
    /// Meta Cloud API or Evolution API.
    public var provider: ChannelProvider
    /// Meta `phone_number_id` (Meta only).
    public var phoneNumberId: String?
    /// Number as shown to customers.
    public var displayPhoneNumber: String?
    /// Evolution instance name (Evolution only).
    public var instanceName: String?
    /// Provider API base URL.
    public var apiBaseUrl: String?
    /// Meta Graph API version, e.g. `v21.0`.
    public var apiVersion: String?
    /// App secret, verify token and access token, sealed by the API (base64); the Domain never sees them in clear.
    public var sealedSecrets: String

    public init(
        tenantId: UUID, provider: ChannelProvider, phoneNumberId: String? = nil,
        displayPhoneNumber: String? = nil, instanceName: String? = nil, apiBaseUrl: String? = nil,
        apiVersion: String? = nil, sealedSecrets: String
    ) {
        self.tenantId = tenantId
        self.provider = provider
        self.phoneNumberId = phoneNumberId
        self.displayPhoneNumber = displayPhoneNumber
        self.instanceName = instanceName
        self.apiBaseUrl = apiBaseUrl
        self.apiVersion = apiVersion
        self.sealedSecrets = sealedSecrets
    }
}
