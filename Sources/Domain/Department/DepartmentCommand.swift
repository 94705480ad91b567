import Foundation

/// Commands on a department.
public enum DepartmentCommand: Sendable, Equatable {
    case create(departmentId: UUID, tenantId: UUID, settings: DepartmentSettings)
    /// Replace all settings (a rename moves the unique name key).
    case update(DepartmentSettings)
}
