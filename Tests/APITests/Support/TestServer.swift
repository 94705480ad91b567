@testable import API

/// Starts a real server on a free loopback port for one test.
enum TestServer {
    static func start(
        _ router: Router, metrics: MetricsRegistry = MetricsRegistry()
    ) throws -> (HTTPServer, TestHTTPClient) {
        let server = try HTTPServer(
            configuration: HTTPServerConfiguration(port: 0, loopbackOnly: true),
            router: router, logger: Logger(minimumLevel: .error), metrics: metrics)
        return (server, TestHTTPClient(port: server.port))
    }
}
