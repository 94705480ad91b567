/// Events decided for one stream of a multi-stream decision.
public struct StreamDecision: Sendable, Equatable {
    /// The stream (`Streams.…`).
    public var stream: String
    /// `true` when the stream must not exist yet (`ExpectedVersion.noStream`); otherwise the
    /// API appends at the version it loaded.
    public var isNewStream: Bool
    /// The events, in order.
    public var events: [DecidedEvent]

    public init(stream: String, isNewStream: Bool, events: [DecidedEvent]) {
        self.stream = stream
        self.isNewStream = isNewStream
        self.events = events
    }
}
