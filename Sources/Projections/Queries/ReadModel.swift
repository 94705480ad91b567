import Foundation

/// The typed queries the API serves; all read-model SQL lives behind this type.
///
/// Queries run against the schema `public.read_model_active` names. The name is cached for a
/// short time; when a rebuild switched schemas and dropped the old one, the failing query is
/// retried once against the new schema.
// @unchecked Sendable: the cached schema name is guarded by `lock`.
public final class ReadModel: @unchecked Sendable {
    /// The pool the queries run on.
    public let database: Database
    private let lock = NSLock()
    private var cachedSchema: (name: String, fetchedAt: Date)?
    /// List totals by checkpoint position (`conversations(tenant:filter:)`).
    let conversationCounts = ConversationCounts()
    private static let schemaCacheSeconds = 0.5

    public init(database: Database) {
        self.database = database
    }

    /// The name of the schema queries currently read from.
    public func activeSchema() throws -> String {
        try database.read { try schema(on: $0, refresh: true) }
    }

    /// Runs `body` with a connection and the active schema name.
    func run<T>(_ body: (Connection, String) throws -> T) throws -> T {
        try database.read { connection in
            let name = try schema(on: connection, refresh: false)
            do {
                return try body(connection, name)
            } catch DatabaseError.server(let state, let message) {
                // 42P01 undefined table / 3F000 undefined schema: a rebuild switched and dropped.
                guard state == "42P01" || state == "3F000" else {
                    throw DatabaseError.server(sqlState: state, message: message)
                }
                return try body(connection, try schema(on: connection, refresh: true))
            }
        }
    }

    private func schema(on connection: Connection, refresh: Bool) throws -> String {
        lock.lock()
        let cached = cachedSchema
        lock.unlock()
        if !refresh, let cached, Date().timeIntervalSince(cached.fetchedAt) < Self.schemaCacheSeconds {
            return cached.name
        }
        let name = try Self.activeSchema(on: connection)
        lock.lock()
        cachedSchema = (name, Date())
        lock.unlock()
        return name
    }

    /// Reads the pointer table; a missing pointer means migrations have not run.
    static func activeSchema(on connection: Connection, lock: Bool = false) throws -> String {
        let result = try connection.query(
            "SELECT schema_name FROM public.read_model_active" + (lock ? " FOR SHARE" : ""))
        guard result.count == 1, let name = result.string(0, 0), ReadModelSchema.isValidName(name) else {
            throw DatabaseError.server(sqlState: "55000", message: "no active read-model schema; run migrate")
        }
        return name
    }

    static func checkLimit(_ limit: Int, field: String = "limit") throws {
        guard limit >= 1 else {
            throw ReadModelError.invalidParameter(field: field, reason: "must be at least 1")
        }
        guard limit <= 100 else {
            throw ReadModelError.invalidParameter(field: field, reason: "must be at most 100")
        }
    }
}
