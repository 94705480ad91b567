/// A response body produced while it is sent (Server-Sent Events, long exports).
public protocol ResponseStream: AnyObject, Sendable {
    /// The next bytes to send, waiting (bounded) for them if needed; an empty array ends the
    /// response. Called on one thread at a time.
    func next() -> [UInt8]
}
