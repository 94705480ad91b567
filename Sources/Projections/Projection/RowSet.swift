import Foundation

/// The rows of one table the projector holds in memory, and which of them changed.
///
/// Rows sit in an array in the order they were first seen (log order, which for time-ordered
/// ids is close to key order, so a bulk COPY fills the key index almost sequentially); a
/// dictionary maps each key to its slot. `update` changes a row in its slot, without copying
/// it out and back.
struct RowSet<Row: ProjectedRow> {
    private(set) var rows: [Row] = []
    private var slots: [UUID: Int] = [:]
    private var changed: [Bool] = []
    /// Keys known to be absent from the database (looked up and not found).
    var missing: Set<UUID> = []

    subscript(key: UUID) -> Row? {
        slots[key].map { rows[$0] }
    }

    func contains(_ key: UUID) -> Bool {
        slots[key] != nil
    }

    /// Changes a row in place if it exists; returns whether it did.
    @discardableResult
    mutating func update(_ key: UUID, _ change: (inout Row) -> Void) -> Bool {
        guard let slot = slots[key] else { return false }
        change(&rows[slot])
        changed[slot] = true
        return true
    }

    /// Adds or replaces a row and marks it changed.
    mutating func put(_ row: Row) {
        store(row, changed: true)
    }

    /// Adds a row read from the database (unchanged until an event touches it).
    mutating func load(_ row: Row) {
        store(row, changed: false)
    }

    private mutating func store(_ row: Row, changed isChanged: Bool) {
        let slot = slot(for: row.key)
        if slot == rows.count {
            rows.append(row)
            changed.append(isChanged)
        } else {
            rows[slot] = row
            changed[slot] = changed[slot] || isChanged
        }
    }

    /// Changes the row with `key`, first adding `make()` when there is none.
    mutating func update(_ key: UUID, orAdd make: () -> Row, _ change: (inout Row) -> Void) {
        let slot = slot(for: key)
        if slot == rows.count {
            rows.append(make())
            changed.append(true)
        } else {
            changed[slot] = true
        }
        change(&rows[slot])
    }

    /// The slot of `key`, reserving the next free one (`rows.count`) for a new key, with one
    /// hash lookup either way.
    private mutating func slot(for key: UUID) -> Int {
        let next = rows.count
        var found = next
        Self.read(&slots[key, default: next], into: &found)
        return found
    }

    private static func read(_ slot: inout Int, into found: inout Int) {
        found = slot
    }

    var dirtyRows: [Row] { rows.indices.filter { changed[$0] }.map { rows[$0] } }

    /// The keys of the rows that `matches`, in slot order.
    func keys(where matches: (Row) -> Bool) -> [UUID] {
        rows.filter(matches).map(\.key)
    }

    mutating func clear() {
        rows.removeAll(keepingCapacity: true)
        slots.removeAll(keepingCapacity: true)
        changed.removeAll(keepingCapacity: true)
        missing.removeAll(keepingCapacity: true)
    }
}
