import Foundation

/// A department was changed; the event carries the full new values.
public struct DepartmentUpdated: DomainEventBody {
    public static let type = "DepartmentUpdated.v1"

    /// The department.
    public var departmentId: UUID
    /// Its tenant.
    public var tenantId: UUID
    /// Name, unique in the tenant.
    public var name: String
    /// Colour, e.g. `#3B82F6`.
    public var color: String
    /// Most open conversations one agent of the department handles at once.
    public var maxConcurrentPerAgent: Int
    /// Target first-response time.
    public var expectedResponseMinutes: Int

    public init(
        departmentId: UUID, tenantId: UUID, name: String, color: String, maxConcurrentPerAgent: Int,
        expectedResponseMinutes: Int
    ) {
        self.departmentId = departmentId
        self.tenantId = tenantId
        self.name = name
        self.color = color
        self.maxConcurrentPerAgent = maxConcurrentPerAgent
        self.expectedResponseMinutes = expectedResponseMinutes
    }
}
