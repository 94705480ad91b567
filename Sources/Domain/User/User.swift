import Foundation

/// A user (agent) folded from the `user-<id>` stream.
public struct User: Aggregate, Equatable {
    public var id: UUID
    public var tenantId: UUID
    public var name: String
    public var email: String
    public var passwordHash: String
    public var role: UserRole
    public var departmentId: UUID?
    public var isActive: Bool

    /// Folds one event; events of other aggregates leave the state unchanged.
    public static func evolve(_ state: User?, _ event: DomainEvent) -> User? {
        if case .userCreated(let created) = event {
            return User(
                id: created.userId, tenantId: created.tenantId, name: created.name, email: created.email,
                passwordHash: created.passwordHash, role: created.role, departmentId: created.departmentId,
                isActive: true)
        }
        guard var user = state else { return state }
        switch event {
        case .userRoleChanged(let changed): user.role = changed.role
        case .userDepartmentChanged(let changed): user.departmentId = changed.departmentId
        case .userActivated: user.isActive = true
        case .userDeactivated: user.isActive = false
        case .userPasswordChanged(let changed): user.passwordHash = changed.passwordHash
        default: return state
        }
        return user
    }

}
