import EventStore
import Foundation

/// Who issues a command and when: becomes the events' metadata and occurred-at time.
public struct CommandContext: Sendable {
    public let actor: String?
    public let correlationId: UUID?
    public let now: Int64

    public init(actor: String?, correlationId: UUID?, now: Int64 = Timestamp.nowMilliseconds()) {
        self.actor = actor
        self.correlationId = correlationId
        self.now = now
    }

    /// The context of an HTTP request: its user (if any) and its request id.
    public init(request: Request) {
        self.init(
            actor: request.user.map { "user:" + $0.userId.uuidString.lowercased() },
            correlationId: UUID(uuidString: request.id))
    }

    var metadata: EventMetadata { EventMetadata(correlationId: correlationId, actor: actor) }
}
