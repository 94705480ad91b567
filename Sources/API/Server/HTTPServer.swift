import CMicroHTTPD
import Foundation

/// The libmicrohttpd daemon serving a `Router`.
// @unchecked: the daemon handle is only passed to libmicrohttpd, which is thread-safe, and
// `stop` is idempotent behind a lock.
public final class HTTPServer: @unchecked Sendable {
    /// The port actually bound (the chosen one when the configuration asked for 0).
    public let port: UInt16
    private let context: RequestDispatcher
    private let lock = NSLock()
    private var daemon: OpaquePointer?

    /// Starts serving at once; throws when the port cannot be bound.
    public init(
        configuration: HTTPServerConfiguration, router: Router, logger: Logger = Logger(),
        metrics: MetricsRegistry = MetricsRegistry()
    ) throws {
        context = RequestDispatcher(router: router, logger: logger, metrics: metrics)
        let cls = Unmanaged.passUnretained(context).toOpaque()
        let started = chatledger_mhd_start(
            configuration.port, configuration.loopbackOnly ? 1 : 0, UInt32(configuration.connectionLimit),
            UInt32(configuration.connectionTimeoutSeconds), 64 * 1024,
            { cls, connection, url, method, _, uploadData, uploadDataSize, state in
                let dispatcher = Unmanaged<RequestDispatcher>.fromOpaque(cls!).takeUnretainedValue()
                return dispatcher.access(
                    connection: connection!, url: url!, method: method!, uploadData: uploadData,
                    uploadDataSize: uploadDataSize!, state: state!)
            }, cls,
            { _, _, state, _ in
                // Balances the passRetained of the request's first call.
                if let pending = state?.pointee {
                    Unmanaged<PendingRequest>.fromOpaque(pending).release()
                    state!.pointee = nil
                }
            }, nil)
        guard let started else {
            throw HTTPServerError.cannotListen(port: configuration.port, errno: errno)
        }
        daemon = started
        port = chatledger_mhd_bound_port(started)
        logger.info("http server listening", ["port": .number(Double(port))])
    }

    /// Stops accepting and closes every connection; waits for running handlers.
    public func stop() {
        let stopping: OpaquePointer? = lock.withLock {
            defer { daemon = nil }
            return daemon
        }
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
