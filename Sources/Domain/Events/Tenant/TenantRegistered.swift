import Foundation

/// A tenant (a business using ChatLedger) was registered.
public struct TenantRegistered: DomainEventBody {
    public static let type = "TenantRegistered.v1"

    /// The tenant.
    public var tenantId: UUID
    /// Business name shown to users.
    public var name: String
    /// URL-safe unique handle (`X-Tenant-Slug`).
    public var slug: String

    public init(tenantId: UUID, name: String, slug: String) {
        self.tenantId = tenantId
        self.name = name
        self.slug = slug
    }
}
