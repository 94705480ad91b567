import Domain
import Foundation

/// A row of one read-model table as the projector folds it in memory.
///
/// `columns[0]` is the primary key; `fields` lists values in `columns` order.
protocol ProjectedRow: Sendable {
    static var table: String { get }
    static var columns: [String] { get }
    var key: UUID { get }
    var fields: [ColumnValue] { get }
    /// Reads a row selected with `columns` in order.
    init(_ result: QueryResult, _ row: Int) throws
}

extension UUID {
    /// Lower-case text, the form PostgreSQL prints, so digests match regardless of origin.
    var text: String { lowercasedString }
}

extension QueryResult {
    func uuid(_ row: Int, _ column: Int) throws -> UUID? {
        guard let text = string(row, column) else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw DatabaseError.unexpectedValue(column: "uuid", value: text)
        }
        return id
    }

    func requiredUUID(_ row: Int, _ column: Int) throws -> UUID {
        guard let id = try uuid(row, column) else {
            throw DatabaseError.unexpectedValue(column: "uuid", value: nil)
        }
        return id
    }

    func requiredInt(_ row: Int, _ column: Int) throws -> Int64 {
        guard let value = try int64(row, column) else {
            throw DatabaseError.unexpectedValue(column: "int", value: nil)
        }
        return value
    }
}
