/// What an append wrote.
public struct AppendResult: Sendable, Equatable {
    /// One global position per event, in request order (the first position for a duplicate id).
    public var positions: [UInt64]
    /// The log head once this append was committed.
    public var head: UInt64
    /// The version of every stream of the request after the append.
    public var streamVersions: [StreamName: UInt64]
    /// True when every event was already in the log and nothing new was written.
    public var duplicate: Bool

    public init(positions: [UInt64], head: UInt64, streamVersions: [StreamName: UInt64], duplicate: Bool) {
        self.positions = positions
        self.head = head
        self.streamVersions = streamVersions
        self.duplicate = duplicate
    }
}
