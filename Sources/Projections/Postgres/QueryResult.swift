import CLibPQ
import Foundation

/// The rows of one statement; owns the `PGresult` and clears it when released.
// @unchecked Sendable: the PGresult is immutable after creation and libpq allows reading it
// from any thread.
public final class QueryResult: @unchecked Sendable {
    private let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQclear(handle)
    }

    /// Number of rows returned.
    public var count: Int { Int(PQntuples(handle)) }

    /// Number of rows a command touched (`UPDATE`, `DELETE`, `INSERT`, `COPY`).
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }

    /// Index of a column by name; a missing column is a programming error.
    public func column(_ name: String) -> Int {
        let index = Int(PQfnumber(handle, name))
        precondition(index >= 0, "no column \(name) in result")
        return index
    }

    /// The text of a cell, `nil` for SQL NULL.
    public func string(_ row: Int, _ column: Int) -> String? {
        if PQgetisnull(handle, Int32(row), Int32(column)) == 1 { return nil }
        return String(cString: PQgetvalue(handle, Int32(row), Int32(column)))
    }

    /// The text of a cell by column name, `nil` for SQL NULL.
    public func string(_ row: Int, _ name: String) -> String? {
        string(row, column(name))
    }

    /// An integer cell; `nil` for SQL NULL, a typed error for anything not an integer.
    public func int64(_ row: Int, _ column: Int) throws -> Int64? {
        guard let text = string(row, column) else { return nil }
        guard let value = Int64(text) else {
            throw DatabaseError.unexpectedValue(column: columnName(column), value: text)
        }
        return value
    }

    /// An integer cell by column name.
    public func int64(_ row: Int, _ name: String) throws -> Int64? {
        try int64(row, column(name))
    }

    /// An integer cell that must not be NULL.
    public func requiredInt64(_ row: Int, _ name: String) throws -> Int64 {
        guard let value = try int64(row, column(name)) else {
            throw DatabaseError.unexpectedValue(column: name, value: nil)
        }
        return value
    }

    /// A floating-point cell by column name.
    public func double(_ row: Int, _ name: String) throws -> Double? {
        guard let text = string(row, column(name)) else { return nil }
        guard let value = Double(text) else {
            throw DatabaseError.unexpectedValue(column: name, value: text)
        }
        return value
    }

    /// A boolean cell by column name.
    public func bool(_ row: Int, _ name: String) -> Bool? {
        string(row, column(name)).map { $0 == "t" }
    }

    /// A `text[]`/`uuid[]` cell by column name, parsed from PostgreSQL's array syntax.
    public func array(_ row: Int, _ name: String) -> [String] {
        guard let text = string(row, column(name)) else { return [] }
        return PostgresArrayParser.parse(text)
    }

    private func columnName(_ column: Int) -> String {
        String(cString: PQfname(handle, Int32(column)))
    }
}
