import Foundation

/// A conversation tag folded from the `tag-<id>` stream.
public struct Tag: Aggregate, Equatable {
    public var id: UUID
    public var tenantId: UUID
    public var name: String
    public var color: String

    /// Folds one event; events of other aggregates leave the state unchanged.
    public static func evolve(_ state: Tag?, _ event: DomainEvent) -> Tag? {
        guard case .tagCreated(let created) = event else { return state }
        return Tag(id: created.tagId, tenantId: created.tenantId, name: created.name, color: created.color)
    }

    /// Decides tag creation: name ≤ 50 characters, unique in the tenant; colour `#RRGGBB`.
    public static func decide(_ command: TagCommand, state: Tag?) throws -> Decision {
        switch command {
        case .create(let tagId, let tenantId, let name, let color):
            if state != nil { throw DomainError.invalidState("tag already exists", field: "name") }
            let cleanName = Validate.trimmed(try Validate.text(name, field: "name", max: 50))
            try Validate.color(color, field: "color")
            return Decision(
                [.tagCreated(TagCreated(tagId: tagId, tenantId: tenantId, name: cleanName, color: color))],
                keyChanges: [
                    .reserve(
                        key: UniqueKeys.tagName(tenantId: tenantId, name: cleanName),
                        stream: Streams.tag(tagId))
                ])
        }
    }
}
