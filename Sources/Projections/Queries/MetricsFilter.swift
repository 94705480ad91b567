import Foundation

/// Date range (epoch ms, `from` inclusive, `to` exclusive), agent and department filters of
/// the statistics queries.
public struct MetricsFilter: Sendable, Equatable {
    public var from: Int64?
    public var to: Int64?
    public var agentId: UUID?
    public var departmentId: UUID?

    public init(from: Int64? = nil, to: Int64? = nil, agentId: UUID? = nil, departmentId: UUID? = nil) {
        self.from = from
        self.to = to
        self.agentId = agentId
        self.departmentId = departmentId
    }

    func validate() throws {
        if let from, let to, from > to {
            throw ReadModelError.invalidParameter(field: "from", reason: "must not be after to")
        }
    }

    /// Conditions on `time`, `agent` and `department` column expressions, appended after the
    /// caller's `$1` (tenant).
    func conditions(time: String, agent: String, department: String) -> (
        sql: String, parameters: [any PostgresEncodable]
    ) {
        var sql = ""
        var parameters: [any PostgresEncodable] = []
        func add(_ make: (String) -> String, _ value: any PostgresEncodable) {
            parameters.append(value)
            sql += " AND " + make("$\(parameters.count + 1)")
        }
        if let from { add({ "\(time) >= \($0)" }, from) }
        if let to { add({ "\(time) < \($0)" }, to) }
        if let agentId { add({ "\(agent) = \($0)" }, agentId) }
        if let departmentId { add({ "\(department) = \($0)" }, departmentId) }
        return (sql, parameters)
    }
}
