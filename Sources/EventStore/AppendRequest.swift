/// One atomic append: events for one or more streams plus unique-key changes.
public struct AppendRequest: Sendable {
    public var streams: [StreamAppend]
    public var keys: [KeyChange]

    public init(streams: [StreamAppend], keys: [KeyChange] = []) {
        self.streams = streams
        self.keys = keys
    }
}
