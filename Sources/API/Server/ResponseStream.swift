/// What a streamed body has ready.
public enum StreamChunk: Sendable, Equatable {
    /// Bytes to send now (never more than asked for).
    case bytes([UInt8])
    /// Nothing yet: the connection is paused until the stream calls its wake-up.
    case wait
    /// The body is complete.
    case end
}

/// A body produced after the headers went out (Server-Sent Events, NDJSON exports).
/// libmicrohttpd pulls from it on its own threads, one call at a time per connection.
public protocol ResponseStream: AnyObject, Sendable {
    /// The next bytes, at most `maxBytes`; `.wait` pauses the connection, `.end` finishes.
    func next(maxBytes: Int) -> StreamChunk
    /// Called right after a `.wait` paused the connection: call `wake` exactly once, when
    /// there may be more to send (at once when there already is).
    func waitForMore(wake: @escaping @Sendable () -> Void)
    /// The connection is over (client left, body complete, or the server is stopping).
    func finish()
}
