/// How the HTTP daemon listens and how much it accepts.
public struct HTTPServerConfiguration: Sendable {
    /// 0 picks a free port (read it back from `HTTPServer.port`).
    public var port: UInt16
    /// Listen on 127.0.0.1 only (tests, benchmarks) instead of every interface.
    public var loopbackOnly: Bool
    /// Connections served at once. Each has a thread of its own (handlers block on durable
    /// appends and database calls), so this also bounds the server's threads.
    public var connectionLimit: Int
    /// Idle connections are closed after this many seconds.
    public var connectionTimeoutSeconds: Int

    public init(
        port: UInt16 = 8080, loopbackOnly: Bool = false, connectionLimit: Int = 1024,
        connectionTimeoutSeconds: Int = 30
    ) {
        self.port = port
        self.loopbackOnly = loopbackOnly
        self.connectionLimit = connectionLimit
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
    }
}
