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

    /// The value as a text-format query parameter (incremental upserts).
    var postgresText: String? {
        switch self {
        case .text(let value): return value
        case .uuid(let value): return value?.text
        case .int(let value): return value.map { String($0) }
        case .bool(let value): return value ? "t" : "f"
        case .uuids(let values): return "{" + values.map(\.text).joined(separator: ",") + "}"
        }
    }
}
