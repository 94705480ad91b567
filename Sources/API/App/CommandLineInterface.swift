import Foundation

/// `chatledger <command>`: parses arguments and runs the command; returns the exit status.
public enum CommandLineInterface {
    static let usage = "usage: chatledger serve | migrate"

    public static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        let logger = Logger(
            minimumLevel: environment["CHATLEDGER_LOG_LEVEL"].flatMap(LogLevel.init(name:)) ?? .info)
        guard arguments.count >= 2 else {
            FileHandle.standardError.write(Data((usage + "\n").utf8))
            return 2
        }
        do {
            switch arguments[1] {
            case "serve":
                try serve(environment: environment, logger: logger)
                return 0
            default:
                FileHandle.standardError.write(Data((usage + "\n").utf8))
                return 2
            }
        } catch {
            logger.error(
                "command failed",
                ["command": .string(arguments[1]), "error": .string(String(describing: error))])
            return 1
        }
    }

    private static func serve(environment: [String: String], logger: Logger) throws {
        guard let port = UInt16(environment["PORT"] ?? "8080") else {
            throw APIError.validation(field: "PORT", "PORT must be a port number")
        }
        ShutdownSignal.block()
        let metrics = MetricsRegistry()
        var router = Router()
        router.addOperationalRoutes(metrics: metrics)
        let server = try HTTPServer(
            configuration: HTTPServerConfiguration(port: port), router: router, logger: logger,
            metrics: metrics)
        ShutdownSignal.wait()
        logger.info("shutting down")
        server.stop()
    }
}
