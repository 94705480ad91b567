/// How far the read models are: command handlers wait on it for read-your-writes.
public protocol ProjectionProgress: Sendable {
    /// Blocks until the read models include the event at `position`, or `timeout` seconds
    /// pass; true when reached.
    func waitUntil(position: UInt64, timeout: Double) -> Bool
}
