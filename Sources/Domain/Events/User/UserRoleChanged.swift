import Foundation

/// A user's role changed.
public struct UserRoleChanged: DomainEventBody {
    public static let type = "UserRoleChanged.v1"

    /// The user.
    public var userId: UUID
    /// New role.
    public var role: UserRole
    /// Who changed it.
    public var byUserId: UUID?

    public init(userId: UUID, role: UserRole, byUserId: UUID? = nil) {
        self.userId = userId
        self.role = role
        self.byUserId = byUserId
    }
}
