import Foundation

/// Tracing data recorded with every event.
public struct EventMetadata: Sendable, Codable, Equatable {
    public var correlationId: UUID?
    public var causationId: UUID?
    public var actor: String?

    public init(correlationId: UUID? = nil, causationId: UUID? = nil, actor: String? = nil) {
        self.correlationId = correlationId
        self.causationId = causationId
        self.actor = actor
    }
}
