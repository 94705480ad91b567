import Foundation
import Projections

/// `chatledger <command>`: parses arguments and runs the command; returns the exit status.
public enum CommandLineInterface {
    static let usage = """
        usage: chatledger serve | migrate | rebuild [--tenant ID] | replay --tenant ID [--until TIME]
                          | verify [--tenant ID] | digest | demo
        """

    public static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        let logger = Logger(
            minimumLevel: environment["CHATLEDGER_LOG_LEVEL"].flatMap(LogLevel.init(name:)) ?? .info)
        let commands = ["serve", "migrate", "rebuild", "replay", "verify", "digest", "demo"]
        guard arguments.count >= 2, commands.contains(arguments[1]) else {
            FileHandle.standardError.write(Data((usage + "\n").utf8))
            return 2
        }
        do {
            let options = try CommandOptions(Array(arguments.dropFirst(2)))
            let configuration = try AppConfiguration.fromEnvironment(environment)
            let maintenance = MaintenanceCommands(configuration: configuration, logger: logger)
            switch arguments[1] {
            case "serve":
                try serve(configuration, environment: environment, logger: logger)
            case "migrate":
                let applied = try Migrator(database: try Database(url: configuration.databaseURL)).migrate()
                logger.info("migrations applied", ["versions": .array(applied.map { .number(Double($0)) })])
            case "rebuild":
                try maintenance.rebuild(tenant: options.tenant)
            case "verify":
                return try maintenance.verify(tenant: options.tenant) ? 0 : 1
            case "digest":
                try maintenance.digest()
            case "demo":
                try DemoCommand.run(configuration, environment: environment, logger: logger)
            default:
                guard let tenant = options.tenant else {
                    throw APIError.validation(field: "--tenant", "replay needs --tenant ID")
                }
                try maintenance.replay(tenant: tenant, until: options.until)
            }
            return 0
        } catch let error as APIError where error.status == 400 {
            FileHandle.standardError.write(Data("chatledger: \(error.message)\n\(usage)\n".utf8))
            return 2
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

/// `--tenant ID` and `--until TIME` of the maintenance commands.
struct CommandOptions {
    var tenant: UUID?
    var until: Int64?

    init(_ arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            guard index + 1 < arguments.count else {
                throw APIError.validation(field: name, "\(name) needs a value")
            }
            let value = arguments[index + 1]
            switch name {
            case "--tenant":
                guard let id = UUID(uuidString: value) else {
                    throw APIError.validation(field: name, "--tenant must be a tenant id (UUID)")
                }
                tenant = id
            case "--until":
                guard let time = Timestamp.parse(value) ?? Int64(value) else {
                    throw APIError.validation(
                        field: name, "--until must be an ISO-8601 time or epoch milliseconds")
                }
                until = time
            default:
                throw APIError.validation(field: name, "unknown option \(name)")
            }
            index += 2
        }
    }
}
