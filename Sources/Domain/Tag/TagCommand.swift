import Foundation

/// Commands on a tag.
public enum TagCommand: Sendable, Equatable {
    case create(tagId: UUID, tenantId: UUID, name: String, color: String)
}
