import Domain
import Foundation

/// Computes the `phone:<tenant>:<hmac>` unique key of a contact. The HMAC key is derived
/// from the server master key, so the key index never holds a phone number in clear and
/// every route (manual open, webhooks) names the same contact the same way.
public struct ContactPhoneKey: Sendable {
    private let hmacKey: [UInt8]

    /// Derives the HMAC key from the master key (domain-separated from its other uses).
    public init(masterKey: [UInt8]) {
        hmacKey = HMACSHA256.authenticate(Array("chatledger contact phone key v1".utf8), key: masterKey)
    }

    /// The unique key of `phone` (any spelling: digits are kept) in `tenant`.
    public func key(tenant: UUID, phone: String) -> String {
        UniqueKeys.phone(tenantId: tenant, phone: phone, hmacKey: hmacKey)
    }
}
