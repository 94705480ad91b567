import Foundation

/// A department (seed 004) folded from the `department-<id>` stream.
public struct Department: Aggregate, Equatable {
    public var id: UUID
    public var tenantId: UUID
    public var settings: DepartmentSettings

    /// Folds one event; events of other aggregates leave the state unchanged.
    public static func evolve(_ state: Department?, _ event: DomainEvent) -> Department? {
        switch event {
        case .departmentCreated(let created):
            return Department(
                id: created.departmentId, tenantId: created.tenantId,
                settings: DepartmentSettings(
                    name: created.name, color: created.color,
                    maxConcurrentPerAgent: created.maxConcurrentPerAgent,
                    expectedResponseMinutes: created.expectedResponseMinutes))
        case .departmentUpdated(let updated):
            guard var department = state else { return state }
            department.settings = DepartmentSettings(
                name: updated.name, color: updated.color,
                maxConcurrentPerAgent: updated.maxConcurrentPerAgent,
                expectedResponseMinutes: updated.expectedResponseMinutes)
            return department
        default:
            return state
        }
    }

}
