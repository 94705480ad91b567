import Foundation

/// Totals of `GET /api/conversations` filters, each remembered with the read-model schema and
/// checkpoint position it was counted at.
///
/// The projector writes every batch and moves the checkpoint in one transaction, so a schema
/// at an unchanged position holds the same rows and the same count: a repeated list request
/// skips counting all of the tenant's matching conversations. Bounded: when full, it starts
/// over.
// @unchecked Sendable: `totals` is only touched while holding `lock`.
final class ConversationCounts: @unchecked Sendable {
    private struct Entry {
        let position: Int64
        let total: Int
    }

    private let lock = NSLock()
    private var totals: [String: Entry] = [:]
    private let capacity: Int

    init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    /// The key of one filter of one tenant in one schema.
    static func key(schema: String, condition: String, parameters: [any PostgresEncodable]) -> String {
        var key = schema + "\u{0}" + condition
        for parameter in parameters {
            key += "\u{0}" + (parameter.postgresText ?? "\u{1}")
        }
        return key
    }

    /// The total counted for `key` at exactly `position`, if any.
    func total(for key: String, at position: Int64) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = totals[key], entry.position == position else { return nil }
        return entry.total
    }

    func store(_ total: Int, for key: String, at position: Int64) {
        lock.lock()
        defer { lock.unlock() }
        if totals.count >= capacity, totals[key] == nil { totals.removeAll(keepingCapacity: true) }
        totals[key] = Entry(position: position, total: total)
    }
}
