/// The layout of one read-model schema (`rm_v<layout>_<generation>`).
///
/// All read-model tables live in one PostgreSQL schema that `public.read_model_active` names,
/// so a rebuild can fill a fresh schema and switch to it atomically. Timestamps are `bigint`
/// milliseconds since the epoch, copied from event data (never `now()`), so a rebuilt schema
/// is byte-for-byte equal to an incrementally built one.
public enum ReadModelSchema {
    /// Bumped whenever the tables below change; a schema of another layout is rebuilt.
    public static let layoutVersion = 2

    /// Prefix of every schema of the current layout.
    public static var prefix: String { "rm_v\(layoutVersion)_" }

    /// `CREATE` statements for the schema and its tables, without primary keys (see
    /// `dataTables`) or secondary indexes.
    static func tables(_ s: String) -> [String] {
        [
            "CREATE SCHEMA \(s)",
            """
            CREATE TABLE \(s).checkpoint (
                id boolean PRIMARY KEY DEFAULT true CHECK (id),
                position bigint NOT NULL)
            """,
            "INSERT INTO \(s).checkpoint (position) VALUES (0)",
            // Tenants whose events from `position` on wait outside the read models: applying
            // the event there failed (see `Projector`).
            """
            CREATE TABLE \(s).projection_holds (
                tenant_id uuid PRIMARY KEY, position bigint NOT NULL, error text NOT NULL,
                attempts integer NOT NULL, held_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE \(s).tenants (
                tenant_id uuid NOT NULL, name text, slug text, created_at bigint,
                channel_provider text, channel_status text NOT NULL, channel_status_at bigint,
                total_messages bigint NOT NULL)
            """,
            """
            CREATE TABLE \(s).users (
                tenant_id uuid NOT NULL, id uuid NOT NULL, name text, email text, role text,
                department_id uuid, active boolean NOT NULL, created_at bigint)
            """,
            """
            CREATE TABLE \(s).departments (
                tenant_id uuid NOT NULL, id uuid NOT NULL, name text, description text,
                color text, max_concurrent integer, expected_response_minutes integer,
                active boolean NOT NULL, created_at bigint)
            """,
            """
            CREATE TABLE \(s).tags (
                tenant_id uuid NOT NULL, id uuid NOT NULL, name text, color text,
                created_at bigint)
            """,
            """
            CREATE TABLE \(s).contacts (
                tenant_id uuid NOT NULL, id uuid NOT NULL, phone text, name text,
                created_at bigint, erased boolean NOT NULL)
            """,
            """
            CREATE TABLE \(s).conversations (
                tenant_id uuid NOT NULL, id uuid NOT NULL, contact_id uuid NOT NULL,
                status text NOT NULL,
                priority text NOT NULL, assigned_to_id uuid, department_id uuid,
                tag_ids uuid[] NOT NULL, last_message_id uuid, last_message_content text,
                last_message_direction text, last_message_type text, last_message_at bigint,
                unread_count integer NOT NULL, created_at bigint NOT NULL, closed_at bigint,
                first_response_at bigint, waiting_since bigint, rating integer,
                rating_comment text)
            """,
            """
            CREATE TABLE \(s).messages (
                tenant_id uuid NOT NULL, id uuid NOT NULL, conversation_id uuid NOT NULL,
                seq bigint NOT NULL, direction text NOT NULL, type text NOT NULL, content text,
                metadata jsonb, status text NOT NULL, wamid text, sent_by_id uuid,
                timestamp bigint NOT NULL, created_at bigint NOT NULL, queued_at bigint,
                sent_at bigint, delivered_at bigint, read_at bigint, failed_at bigint,
                error_code integer, error_title text)
            """,
            """
            CREATE TABLE \(s).transfers (
                tenant_id uuid NOT NULL, id uuid NOT NULL, conversation_id uuid NOT NULL,
                from_user_id uuid, to_user_id uuid, from_department_id uuid,
                to_department_id uuid, reason text, by_user_id uuid, at bigint NOT NULL,
                position bigint NOT NULL)
            """,
            """
            CREATE TABLE \(s).ratings (
                tenant_id uuid NOT NULL, conversation_id uuid NOT NULL, score integer NOT NULL,
                comment text, agent_id uuid, department_id uuid, rated_at bigint NOT NULL)
            """,
            """
            CREATE TABLE \(s).reply_times (
                tenant_id uuid NOT NULL, message_id uuid NOT NULL, conversation_id uuid NOT NULL,
                agent_id uuid, department_id uuid, waited_ms bigint NOT NULL,
                replied_at bigint NOT NULL)
            """,
        ]
    }

    /// Secondary indexes with their tables: created with the tables for an empty live schema,
    /// after the bulk load during a rebuild. Each serves a query in `Queries/`.
    /// The full-text document of a message text column: its first 65 536 characters, so no
    /// text can exceed PostgreSQL's tsvector limit (1 MiB) and stop the projection. The index
    /// and the search query must use this same expression.
    static func searchDocument(_ column: String) -> String {
        "to_tsvector('portuguese', left(coalesce(\(column), ''), 65536))"
    }

    static func indexes(_ s: String) -> [(table: String, statement: String)] {
        [
            ("users", "CREATE INDEX ON \(s).users (tenant_id, name)"),
            ("departments", "CREATE INDEX ON \(s).departments (tenant_id, name)"),
            ("tags", "CREATE INDEX ON \(s).tags (tenant_id, lower(name))"),
            ("contacts", "CREATE INDEX ON \(s).contacts (tenant_id)"),
            (
                "conversations",
                "CREATE INDEX ON \(s).conversations (tenant_id, last_message_at DESC NULLS LAST, id DESC)"
            ),
            (
                "conversations",
                "CREATE INDEX ON \(s).conversations (tenant_id, status, last_message_at DESC NULLS LAST, id DESC)"
            ),
            ("conversations", "CREATE INDEX ON \(s).conversations (tenant_id, priority)"),
            ("conversations", "CREATE INDEX ON \(s).conversations (tenant_id, assigned_to_id)"),
            ("conversations", "CREATE INDEX ON \(s).conversations (tenant_id, department_id)"),
            ("conversations", "CREATE INDEX ON \(s).conversations (contact_id)"),
            ("conversations", "CREATE INDEX ON \(s).conversations (tenant_id) WHERE unread_count > 0"),
            ("conversations", "CREATE INDEX ON \(s).conversations USING gin (tag_ids)"),
            ("contacts", "CREATE INDEX ON \(s).contacts USING gin (lower(name) public.gin_trgm_ops)"),
            ("contacts", "CREATE INDEX ON \(s).contacts USING gin (phone public.gin_trgm_ops)"),
            ("messages", "CREATE INDEX ON \(s).messages (conversation_id, seq)"),
            ("messages", "CREATE INDEX ON \(s).messages (tenant_id, timestamp)"),
            (
                "messages",
                "CREATE INDEX ON \(s).messages USING gin (\(searchDocument("content")))"
            ),
            ("transfers", "CREATE INDEX ON \(s).transfers (conversation_id, position)"),
            ("ratings", "CREATE INDEX ON \(s).ratings (tenant_id, rated_at)"),
            ("reply_times", "CREATE INDEX ON \(s).reply_times (tenant_id, replied_at)"),
        ]
    }

    /// Every data table with its primary-key column, in digest order (the digest orders each
    /// table's rows by its key).
    static let dataTables: [(table: String, key: String)] = [
        ("tenants", "tenant_id"), ("users", "id"), ("departments", "id"), ("tags", "id"),
        ("contacts", "id"), ("conversations", "id"), ("messages", "id"), ("transfers", "id"),
        ("ratings", "conversation_id"), ("reply_times", "message_id"),
    ]

    /// Builds a table's primary-key index on its own, so a bulk load can build it beside the
    /// table's other indexes (a key added by `ALTER TABLE` would lock them out meanwhile).
    static func keyIndex(_ s: String, table: String, key: String) -> String {
        "CREATE UNIQUE INDEX \(table)_pkey ON \(s).\(table) (\(key))"
    }

    /// Turns the index built by `keyIndex` into the table's primary key (catalog change only).
    static func keyConstraint(_ s: String, table: String) -> String {
        "ALTER TABLE \(s).\(table) ADD CONSTRAINT \(table)_pkey PRIMARY KEY USING INDEX \(table)_pkey"
    }

    /// Creates a complete schema named `name` on `connection` (inside the caller's transaction);
    /// without `withIndexes` the tables get neither primary keys nor secondary indexes (a bulk
    /// load adds them once the rows are in).
    static func create(_ name: String, on connection: Connection, withIndexes: Bool) throws {
        for statement in tables(name) { try connection.execute(statement) }
        guard withIndexes else { return }
        for (table, key) in dataTables {
            try connection.execute("ALTER TABLE \(name).\(table) ADD PRIMARY KEY (\(key))")
        }
        for (_, statement) in indexes(name) { try connection.execute(statement) }
    }

    /// Whether `name` looks like a read-model schema name (guards every interpolation).
    static func isValidName(_ name: String) -> Bool {
        name.hasPrefix("rm_v")
            && name.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || ($0 >= 0x61 && $0 <= 0x7A) }
    }
}
