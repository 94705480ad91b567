/// How the HTTP daemon listens and how much it accepts.
public struct HTTPServerConfiguration: Sendable {
    /// 0 picks a free port (read it back from `HTTPServer.port`).
    public var port: UInt16
    /// Listen on 127.0.0.1 only (tests, benchmarks) instead of every interface.
    public var loopbackOnly: Bool
    /// Threads serving connections; handlers block on durable appends, so this bounds how
    /// many requests are in progress at once.
    public var threadPoolSize: Int
    public var connectionLimit: Int
    /// Idle connections are closed after this many seconds.
    public var connectionTimeoutSeconds: Int

    public init(
        port: UInt16 = 8080, loopbackOnly: Bool = false, threadPoolSize: Int = 32,
        connectionLimit: Int = 4096,
        connectionTimeoutSeconds: Int = 30
    ) {
        self.port = port
        self.loopbackOnly = loopbackOnly
        self.threadPoolSize = threadPoolSize
        self.connectionLimit = connectionLimit
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
    }
}
