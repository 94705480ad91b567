/// Applies versioned migrations and makes sure an active read-model schema exists.
public struct Migrator: Sendable {
    private let database: Database
    /// Arbitrary constant naming the advisory lock that serialises concurrent migrators.
    private static let lockKey: Int64 = 0x4348_4C44_4752

    public init(database: Database) {
        self.database = database
    }

    /// Applies pending migrations (each in its own transaction, under an advisory lock so two
    /// processes don't race) and creates the read-model schema when none is active or the
    /// active one has an older layout. Returns the versions applied by this call.
    @discardableResult
    public func migrate() throws -> [Int] {
        try database.withConnection { connection in
            try connection.execute("SELECT pg_advisory_lock($1)", [Self.lockKey])
            defer { _ = try? connection.execute("SELECT pg_advisory_unlock($1)", [Self.lockKey]) }
            try connection.execute(
                """
                CREATE TABLE IF NOT EXISTS public.schema_migrations (
                    version integer PRIMARY KEY, name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """)
            let applied = try connection.query("SELECT version FROM public.schema_migrations")
            var done = Set<Int64>()
            for row in 0..<applied.count { if let v = try applied.int64(row, 0) { done.insert(v) } }
            var newlyApplied: [Int] = []
            for migration in Migration.all where !done.contains(Int64(migration.version)) {
                try connection.transaction { tx in
                    for statement in migration.statements { try tx.execute(statement) }
                    try tx.execute(
                        "INSERT INTO public.schema_migrations (version, name) VALUES ($1, $2)",
                        [migration.version, migration.name])
                }
                newlyApplied.append(migration.version)
            }
            try connection.transaction { tx in try Self.ensureActiveSchema(tx) }
            return newlyApplied
        }
    }

    /// Creates and activates an empty schema of the current layout when needed.
    static func ensureActiveSchema(_ connection: Connection) throws {
        let current = try connection.query("SELECT schema_name FROM public.read_model_active FOR UPDATE")
        if current.count == 1, let name = current.string(0, 0), name.hasPrefix(ReadModelSchema.prefix) {
            return
        }
        let name = try newSchemaName(connection)
        try ReadModelSchema.create(name, on: connection, withIndexes: true)
        try connection.execute(
            """
            INSERT INTO public.read_model_active (id, schema_name) VALUES (true, $1)
            ON CONFLICT (id) DO UPDATE SET schema_name = EXCLUDED.schema_name, switched_at = now()
            """, [name])
        if current.count == 1, let old = current.string(0, 0), ReadModelSchema.isValidName(old) {
            try connection.execute("DROP SCHEMA IF EXISTS \(old) CASCADE")
        }
    }

    /// A fresh schema name of the current layout (`rm_v<layout>_<generation>`).
    static func newSchemaName(_ connection: Connection) throws -> String {
        let generation = try connection.query("SELECT nextval('public.read_model_generation')")
        guard let n = try generation.int64(0, 0) else {
            throw DatabaseError.unexpectedValue(column: "nextval", value: nil)
        }
        return ReadModelSchema.prefix + String(n)
    }
}
