/// Process configuration from the environment (SPEC §7).
public struct AppConfiguration: Sendable {
    /// `DATABASE_URL` (required to serve and migrate).
    public var databaseURL: String
    /// `CHATLEDGER_DATA_DIR`, default `./var`: the event log lives in `<dir>/log`, secrets beside it.
    public var dataDirectory: String
    /// `PORT`, default 8080.
    public var port: UInt16
    /// `CHATLEDGER_MAX_CONNECTIONS`, default 1024: HTTP connections served at once, each on a
    /// thread of its own.
    public var maxConnections: Int
    /// `CHATLEDGER_MAX_CONNECTIONS_PER_ADDRESS`, default 512: HTTP connections open at once
    /// from one client address; 0 for no such limit (behind a proxy).
    public var maxConnectionsPerAddress: Int = 512
    /// `CHATLEDGER_HEADER_DEADLINE_SECONDS`, default 10: a request's headers must arrive within
    /// this long of the connection opening or of the previous response.
    public var headerDeadlineSeconds: Double = 10
    /// `CHATLEDGER_BODY_DEADLINE_SECONDS`, default 30: a request's body must arrive within this
    /// long of its headers.
    public var bodyDeadlineSeconds: Double = 30
    /// `CHATLEDGER_LOG_LEVEL`, default `info`.
    public var logLevel: LogLevel
    /// Seconds between keep-alive comments on an idle event stream.
    public var eventStreamKeepAliveSeconds: Double = 15

    public init(
        databaseURL: String, dataDirectory: String = "./var", port: UInt16 = 8080, maxConnections: Int = 1024,
        logLevel: LogLevel = .info
    ) {
        self.databaseURL = databaseURL
        self.dataDirectory = dataDirectory
        self.port = port
        self.maxConnections = maxConnections
        self.logLevel = logLevel
    }

    /// Reads the environment; a malformed value is a validation error naming the variable.
    public static func fromEnvironment(_ environment: [String: String]) throws -> AppConfiguration {
        guard let url = environment["DATABASE_URL"], !url.isEmpty else {
            throw APIError.validation(field: "DATABASE_URL", "DATABASE_URL must be set")
        }
        var configuration = AppConfiguration(databaseURL: url)
        if let directory = environment["CHATLEDGER_DATA_DIR"], !directory.isEmpty {
            configuration.dataDirectory = directory
        }
        if let text = environment["PORT"] {
            guard let port = UInt16(text) else {
                throw APIError.validation(field: "PORT", "PORT must be 0–65535")
            }
            configuration.port = port
        }
        if let text = environment["CHATLEDGER_MAX_CONNECTIONS"] {
            guard let connections = Int(text), (1...16_384).contains(connections) else {
                throw APIError.validation(field: "CHATLEDGER_MAX_CONNECTIONS", "must be 1–16384")
            }
            configuration.maxConnections = connections
        }
        if let text = environment["CHATLEDGER_MAX_CONNECTIONS_PER_ADDRESS"] {
            guard let connections = Int(text), (0...16_384).contains(connections) else {
                throw APIError.validation(field: "CHATLEDGER_MAX_CONNECTIONS_PER_ADDRESS", "must be 0–16384")
            }
            configuration.maxConnectionsPerAddress = connections
        }
        if let deadline = try seconds("CHATLEDGER_HEADER_DEADLINE_SECONDS", in: environment) {
            configuration.headerDeadlineSeconds = deadline
        }
        if let deadline = try seconds("CHATLEDGER_BODY_DEADLINE_SECONDS", in: environment) {
            configuration.bodyDeadlineSeconds = deadline
        }
        if let text = environment["CHATLEDGER_LOG_LEVEL"] {
            guard let level = LogLevel(name: text) else {
                throw APIError.validation(
                    field: "CHATLEDGER_LOG_LEVEL", "must be debug, info, warning or error")
            }
            configuration.logLevel = level
        }
        return configuration
    }

    /// A duration variable in seconds (decimals allowed), 0.1–3600; nil when unset.
    private static func seconds(_ name: String, in environment: [String: String]) throws -> Double? {
        guard let text = environment[name] else { return nil }
        guard let value = Double(text), (0.1...3600).contains(value) else {
            throw APIError.validation(field: name, "must be 0.1–3600 seconds")
        }
        return value
    }

    /// Where the event log is stored.
    public var eventLogPath: String { dataDirectory + "/log" }
}
