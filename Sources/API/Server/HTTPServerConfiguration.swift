/// How the HTTP daemon listens and how much it accepts.
public struct HTTPServerConfiguration: Sendable {
    /// 0 picks a free port (read it back from `HTTPServer.port`).
    public var port: UInt16
    /// Listen on 127.0.0.1 only (tests, benchmarks) instead of every interface.
    public var loopbackOnly: Bool
    /// Connections served at once. Each has a thread of its own (handlers block on durable
    /// appends and database calls), so this, plus a margin for connections being torn down,
    /// also bounds the server's threads. Near the limit, the connections that have waited
    /// longest for a request are cut to let new clients in; at it, new connections are closed.
    public var connectionLimit: Int
    /// Connections open at once from one client address; 0 for no such limit (behind a
    /// proxy every client has the proxy's address).
    public var connectionsPerAddress: Int
    /// Idle connections are closed after this many seconds without a byte either way.
    public var connectionTimeoutSeconds: Int
    /// A request's headers must be in this many seconds after the connection opened or its
    /// previous response was sent, however steadily their bytes come.
    public var headerDeadlineSeconds: Double
    /// A request's body must be in this many seconds after its headers.
    public var bodyDeadlineSeconds: Double

    public init(
        port: UInt16 = 8080, loopbackOnly: Bool = false, connectionLimit: Int = 1024,
        connectionsPerAddress: Int = 512, connectionTimeoutSeconds: Int = 30,
        headerDeadlineSeconds: Double = 10,
        bodyDeadlineSeconds: Double = 30
    ) {
        self.port = port
        self.loopbackOnly = loopbackOnly
        self.connectionLimit = connectionLimit
        self.connectionsPerAddress = connectionsPerAddress
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.headerDeadlineSeconds = headerDeadlineSeconds
        self.bodyDeadlineSeconds = bodyDeadlineSeconds
    }
}
