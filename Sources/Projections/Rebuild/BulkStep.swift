/// One piece of a bulk load, run on one of the load's connections once the steps it names in
/// `after` are done. `cost` is a rough estimate in any unit common to all steps; `work`
/// returns the rows it wrote (0 for DDL).
struct BulkStep: Sendable {
    let name: String
    let after: [String]
    let cost: Double
    let work: @Sendable (Connection) throws -> Int
}
