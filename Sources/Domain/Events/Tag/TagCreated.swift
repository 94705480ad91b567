import Foundation

/// A tag was created.
public struct TagCreated: DomainEventBody {
    public static let type = "TagCreated.v1"

    /// The tag.
    public var tagId: UUID
    /// Its tenant.
    public var tenantId: UUID
    /// Name, unique in the tenant.
    public var name: String
    /// Colour.
    public var color: String

    public init(tagId: UUID, tenantId: UUID, name: String, color: String) {
        self.tagId = tagId
        self.tenantId = tenantId
        self.name = name
        self.color = color
    }
}
