import EventStore
import Foundation
import Projections

/// Who issues a command and when: becomes the events' metadata and occurred-at time.
public struct CommandContext: Sendable {
    public let actor: String?
    public let correlationId: UUID?
    /// The event that caused these (the raw webhook for events derived from it).
    public let causationId: UUID?
    public let now: Int64

    public init(
        actor: String?, correlationId: UUID?, causationId: UUID? = nil,
        now: Int64 = Timestamp.nowMilliseconds()
    ) {
        self.actor = actor
        self.correlationId = correlationId
        self.causationId = causationId
        self.now = now
    }

    /// The context of an HTTP request: its user (if any) and its request id.
    public init(request: Request) {
        self.init(
            actor: request.user.map { "user:" + $0.userId.uuidString.lowercased() },
            correlationId: UUID(uuidString: request.id))
    }

    var metadata: EventMetadata {
        EventMetadata(correlationId: correlationId, causationId: causationId, actor: actor)
    }
}
