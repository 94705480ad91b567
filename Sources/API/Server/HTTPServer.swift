import CMicroHTTPD
import Foundation

/// The libmicrohttpd daemon serving a `Router`, with a watchdog cutting connections whose
/// requests arrive too slowly (see `OpenConnections`).
// @unchecked: the daemon handle is only passed to libmicrohttpd, which is thread-safe, and
// `stop` is idempotent behind a lock.
public final class HTTPServer: @unchecked Sendable {
    /// The port actually bound (the chosen one when the configuration asked for 0).
    public let port: UInt16
    private let context: RequestDispatcher
    private let watchdog: ConnectionWatchdog
    private let lock = NSLock()
    private var daemon: OpaquePointer?

    /// Starts serving at once; throws when the port cannot be bound.
    public init(
        configuration: HTTPServerConfiguration, router: Router, logger: Logger = Logger(),
        metrics: MetricsRegistry = MetricsRegistry()
    ) throws {
        let connections = OpenConnections(
            headerDeadlineSeconds: configuration.headerDeadlineSeconds,
            bodyDeadlineSeconds: configuration.bodyDeadlineSeconds,
            connectionLimit: configuration.connectionLimit, metrics: metrics)
        context = RequestDispatcher(
            router: router, logger: logger, metrics: metrics, connections: connections)
        let cls = Unmanaged.passUnretained(context).toOpaque()
        let started = chatledger_mhd_start(
            configuration.port, configuration.loopbackOnly ? 1 : 0,
            UInt32(OpenConnections.daemonLimit(serving: configuration.connectionLimit)),
            UInt32(configuration.connectionsPerAddress), UInt32(configuration.connectionTimeoutSeconds),
            64 * 1024,
            { cls, connection, url, method, _, uploadData, uploadDataSize, state in
                let dispatcher = Unmanaged<RequestDispatcher>.fromOpaque(cls!).takeUnretainedValue()
                return dispatcher.access(
                    connection: connection!, url: url!, method: method!, uploadData: uploadData,
                    uploadDataSize: uploadDataSize!, state: state!)
            }, cls,
            { cls, connection, state, _ in
                Unmanaged<RequestDispatcher>.fromOpaque(cls!).takeUnretainedValue().completed(
                    connection: connection!, state: state)
            },
            { cls, connection, _, code in
                Unmanaged<RequestDispatcher>.fromOpaque(cls!).takeUnretainedValue().notify(
                    connection: connection!, code: code)
            }, cls)
        guard let started else {
            throw HTTPServerError.cannotListen(port: configuration.port, errno: errno)
        }
        daemon = started
        port = chatledger_mhd_bound_port(started)
        // A tenth of a second: a cut comes at most that late after its deadline.
        watchdog = ConnectionWatchdog(connections: connections, interval: 0.1)
        logger.info("http server listening", ["port": .number(Double(port))])
    }

    /// Stops accepting and closes every connection; waits for running handlers.
    public func stop() {
        let stopping: OpaquePointer? = lock.withLock {
            defer { daemon = nil }
            return daemon
        }
        watchdog.stop()
        if let stopping { MHD_stop_daemon(stopping) }
    }

    deinit {
        stop()
    }
}

/// The server could not start.
public enum HTTPServerError: Error, Equatable {
    case cannotListen(port: UInt16, errno: Int32)
}
