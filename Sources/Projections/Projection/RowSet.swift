import Foundation

/// The rows of one table the projector holds in memory, and which of them changed.
struct RowSet<Row: ProjectedRow> {
    var rows: [UUID: Row] = [:]
    private(set) var dirty: Set<UUID> = []
    /// Keys known to be absent from the database (looked up and not found).
    var missing: Set<UUID> = []

    subscript(key: UUID) -> Row? {
        rows[key]
    }

    /// Changes a row in place if it exists; returns whether it did.
    @discardableResult
    mutating func update(_ key: UUID, _ change: (inout Row) -> Void) -> Bool {
        guard var row = rows[key] else { return false }
        change(&row)
        rows[key] = row
        dirty.insert(key)
        return true
    }

    mutating func put(_ row: Row) {
        rows[row.key] = row
        dirty.insert(row.key)
    }

    var dirtyRows: [Row] { dirty.compactMap { rows[$0] } }

    mutating func clear() {
        rows.removeAll(keepingCapacity: true)
        dirty.removeAll(keepingCapacity: true)
        missing.removeAll(keepingCapacity: true)
    }

    mutating func markClean() {
        dirty.removeAll(keepingCapacity: true)
    }
}
