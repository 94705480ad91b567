import Foundation
import Projections

/// `chatledger <command>`: parses arguments and runs the command; returns the exit status.
public enum CommandLineInterface {
    static let usage = "usage: chatledger serve | migrate"

    public static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        let logger = Logger(
            minimumLevel: environment["CHATLEDGER_LOG_LEVEL"].flatMap(LogLevel.init(name:)) ?? .info)
        guard arguments.count >= 2, ["serve", "migrate"].contains(arguments[1]) else {
            FileHandle.standardError.write(Data((usage + "\n").utf8))
            return 2
        }
        do {
            let configuration = try AppConfiguration.fromEnvironment(environment)
            switch arguments[1] {
            case "serve":
                try serve(configuration, environment: environment, logger: logger)
            default:
                let applied = try Migrator(database: try Database(url: configuration.databaseURL)).migrate()
                logger.info("migrations applied", ["versions": .array(applied.map { .number(Double($0)) })])
            }
            return 0
        } catch {
            logger.error(
                "command failed",
                ["command": .string(arguments[1]), "error": .string(String(describing: error))])
            return 1
        }
    }

    private static func serve(
        _ configuration: AppConfiguration, environment: [String: String], logger: Logger
    )
        throws
    {
        // Blocked before any thread starts, so every thread inherits the mask and only
        // `ShutdownSignal.wait` receives them.
        ShutdownSignal.block()
        let app = try ChatLedgerApp(configuration: configuration, environment: environment, logger: logger)
        ShutdownSignal.wait()
        logger.info("shutting down")
        app.stop()
    }
}
