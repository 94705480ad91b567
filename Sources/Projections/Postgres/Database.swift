import Foundation

/// A pool of PostgreSQL connections usable from many threads.
///
/// Checkout blocks up to `checkoutTimeout`; a connection found broken (server restarted,
/// socket closed) is dropped and a fresh one opened on the next checkout.
// @unchecked Sendable: all mutable state (idle list, open count) is guarded by `condition`.
public final class Database: @unchecked Sendable {
    /// The libpq connection string or URL this pool connects with.
    public let url: String
    /// Upper bound on simultaneously open connections.
    public let maxConnections: Int
    /// Seconds a checkout waits for a free connection before `DatabaseError.poolTimeout`.
    public let checkoutTimeout: Double

    private let condition = NSCondition()
    private var idle: [Connection] = []
    private var open = 0

    /// Creates a pool for `url` (`postgresql://…` / `postgres://…` URL or `key=value` string).
    /// No connection is opened until the first checkout.
    public init(url: String, maxConnections: Int = 16, checkoutTimeout: Double = 5) throws {
        let trimmed = url.trimmed
        guard !trimmed.isEmpty,
            trimmed.hasPrefix("postgresql://") || trimmed.hasPrefix("postgres://")
                || trimmed.contains("=")
        else {
            throw DatabaseError.invalidURL(url)
        }
        guard maxConnections > 0 else { throw DatabaseError.invalidURL("maxConnections must be > 0") }
        self.url = trimmed
        self.maxConnections = maxConnections
        self.checkoutTimeout = checkoutTimeout
    }

    /// A pool from the `DATABASE_URL` environment variable.
    public static func fromEnvironment(maxConnections: Int = 16) throws -> Database {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"] else {
            throw DatabaseError.invalidURL("DATABASE_URL is not set")
        }
        return try Database(url: url, maxConnections: maxConnections)
    }

    /// Runs `body` with a connection checked out exclusively for its duration.
    @discardableResult
    public func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try checkout()
        do {
            let value = try body(connection)
            checkin(connection)
            return value
        } catch {
            checkin(connection)
            throw error
        }
    }

    /// Runs a read-only `body`, retrying once on a fresh connection when a pooled connection
    /// turns out to be broken (the server restarted while it sat idle).
    @discardableResult
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        do {
            return try withConnection(body)
        } catch let error as DatabaseError where error.isUnavailable {
            if case .poolTimeout = error { throw error }
            return try withConnection(body)
        }
    }

    /// Runs `body` inside `BEGIN … COMMIT`; any thrown error rolls the transaction back.
    @discardableResult
    public func transaction<T>(_ body: (Connection) throws -> T) throws -> T {
        try withConnection { try $0.transaction(body) }
    }

    /// Drops every idle connection (e.g. before dropping the database they point at).
    public func closeIdle() {
        condition.lock()
        open -= idle.count
        idle.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private func checkout() throws -> Connection {
        let deadline = Date().addingTimeInterval(checkoutTimeout)
        condition.lock()
        while true {
            while let connection = idle.popLast() {
                if connection.isHealthy {
                    condition.unlock()
                    return connection
                }
                open -= 1
            }
            if open < maxConnections {
                open += 1
                condition.unlock()
                do {
                    return try Connection(conninfo: url)
                } catch {
                    condition.lock()
                    open -= 1
                    condition.signal()
                    condition.unlock()
                    throw error
                }
            }
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw DatabaseError.poolTimeout(seconds: checkoutTimeout)
            }
        }
    }

    private func checkin(_ connection: Connection) {
        condition.lock()
        if connection.isHealthy {
            idle.append(connection)
        } else {
            open -= 1
        }
        condition.signal()
        condition.unlock()
    }
}
