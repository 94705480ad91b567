import Foundation

/// One column of a projected row, kept typed so that a bulk COPY formats it straight into its
/// buffer (no intermediate `String` per UUID or number); `nil` payloads are SQL NULL.
enum ColumnValue: PostgresEncodable {
    case text(String?)
    case uuid(UUID?)
    case int(Int64?)
    case bool(Bool)
    /// A `uuid[]` column, never NULL (empty is `{}`).
    case uuids([UUID])

    /// The value as a text-format query parameter (incremental upserts), as each type's own
    /// encoding writes it.
    var postgresText: String? {
        switch self {
        case .text(let value): return value
        case .uuid(let value): return value.postgresText
        case .int(let value): return value.postgresText
        case .bool(let value): return value.postgresText
        case .uuids(let values): return PostgresArray(values).postgresText
        }
    }
}
