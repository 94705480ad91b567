/// One versioned change to the `public` schema (bookkeeping tables, extensions).
struct Migration: Sendable {
    let version: Int
    let name: String
    let statements: [String]

    /// Every migration, in order. Never edit an applied one: append a new version.
    static let all: [Migration] = [
        Migration(
            version: 1, name: "read model pointer",
            statements: [
                "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public",
                """
                CREATE TABLE public.read_model_active (
                    id boolean PRIMARY KEY DEFAULT true CHECK (id),
                    schema_name text NOT NULL,
                    switched_at timestamptz NOT NULL DEFAULT now())
                """,
                "CREATE SEQUENCE public.read_model_generation",
            ])
    ]
}
