import Domain
import EventStore
import Foundation
import Projections

/// A generated log projected into a test database, plus what the test knows independently
/// of the projection: the Domain's own folded state and the decoded events.
struct ProjectedLog {
    let test: TestDatabase
    let store: EventStore
    let generator: LogGenerator
    let readModel: ReadModel
    let events: [(RecordedEvent, DomainEvent)]

    static func with(steps: Int, tenants: Int = 2, seed: UInt64 = 11, _ body: (ProjectedLog) throws -> Void)
        throws
    {
        try TestDatabase.with { test in
            try StoreFixture.with { store in
                let generator = LogGenerator(store: store, seed: seed)
                try generator.setUp(tenants: tenants)
                try generator.run(steps: steps)
                try Projector(store: store, database: test.database).catchUp()
                let events = try store.read(from: 1, limit: 1_000_000).compactMap { recorded in
                    LogGenerator.decode(recorded).map { (recorded, $0) }
                }
                try body(
                    ProjectedLog(
                        test: test, store: store, generator: generator,
                        readModel: ReadModel(database: test.database),
                        events: events))
            }
        }
    }

    func conversations(of tenant: UUID) -> [Conversation] {
        generator.conversations.values.filter { $0.tenantId == tenant }
    }

    /// `percentile_disc`: the smallest sample whose cumulative share reaches `p`.
    static func percentile(_ p: Double, _ samples: [Int64]) -> Int64? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }
}
