/// A failure talking to PostgreSQL, typed so callers can tell an outage from a bad statement.
public enum DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server cannot be reached or the connection broke (the API answers 503).
    case unavailable(message: String)
    /// The server rejected a statement; `sqlState` is PG_DIAG_SQLSTATE (e.g. `23505`).
    case server(sqlState: String, message: String)
    /// `DATABASE_URL` (or the URL passed in) is not usable.
    case invalidURL(String)
    /// No connection became free within the checkout timeout.
    case poolTimeout(seconds: Double)
    /// A column held a value this module cannot read as the expected type.
    case unexpectedValue(column: String, value: String?)

    /// True when the failure means "database unavailable" rather than a bad statement.
    public var isUnavailable: Bool {
        switch self {
        case .unavailable, .poolTimeout: return true
        case .server(let state, _):
            // Class 08 = connection exception; 57P0x = shutdown / cannot connect now.
            return state.hasPrefix("08") || state.hasPrefix("57P")
        case .invalidURL, .unexpectedValue: return false
        }
    }

    /// True when PostgreSQL refused the data itself, so the same statement on the same data
    /// fails again: a data exception (class 22: a value out of range, text too long), an
    /// integrity constraint (23), a statement it cannot run (42), a program limit (54: a
    /// tsvector over 1 MiB, an index row too large), or a value this module cannot read. Other
    /// failures (a conflict, a lock, lack of resources, an outage) may pass and are retried.
    public var refusesData: Bool {
        switch self {
        case .server(let state, _): return ["22", "23", "42", "54"].contains(String(state.prefix(2)))
        case .unexpectedValue: return true
        case .unavailable, .invalidURL, .poolTimeout: return false
        }
    }

    public var description: String {
        switch self {
        case .unavailable(let message): return "database unavailable: \(message)"
        case .server(let state, let message): return "database error \(state): \(message)"
        case .invalidURL(let url): return "invalid database URL: \(url)"
        case .poolTimeout(let seconds): return "no database connection free within \(seconds) s"
        case .unexpectedValue(let column, let value):
            return "unexpected value in column \(column): \(value ?? "NULL")"
        }
    }
}
