import Foundation

/// A webhook body was accepted verbatim, for audit (stream `webhooks-<tenantId>`).
public struct RawWebhookReceived: PersonalDataEvent {
    public static let type = "RawWebhookReceived.v1"

    /// The tenant.
    public var tenantId: UUID
    /// Who sent it.
    public var provider: ChannelProvider
    /// When (ms).
    public var receivedAt: Int64
    /// Contacts the body concerns, so erasing any of them can also forget its key.
    public var contactIds: [UUID]
    /// Data key of the body, see `DataKeys.rawWebhook`.
    public var sealedUnder: String
    /// The personal part, sealed under the data key; `nil` once erased.
    public var personal: Personal? = nil

    /// Data key that seals `personal`.
    public var dataKey: String { sealedUnder }

    /// The personal fields of `RawWebhookReceived`.
    public struct Personal: Codable, Sendable, Equatable, Hashable {
        /// The body as received (UTF-8).
        public var body: String

        public init(body: String) {
            self.body = body
        }
    }

    // `personal` is left out: the codec encodes it on its own so the store can seal it.
    enum CodingKeys: String, CodingKey {
        case tenantId
        case provider
        case receivedAt
        case contactIds
        case sealedUnder
    }

    public init(
        tenantId: UUID, provider: ChannelProvider, receivedAt: Int64, contactIds: [UUID], sealedUnder: String,
        personal: Personal? = nil
    ) {
        self.tenantId = tenantId
        self.provider = provider
        self.receivedAt = receivedAt
        self.contactIds = contactIds
        self.sealedUnder = sealedUnder
        self.personal = personal
    }
}
