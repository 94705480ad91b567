import Foundation

/// A user moved to another department (or to none).
public struct UserDepartmentChanged: DomainEventBody {
    public static let type = "UserDepartmentChanged.v1"

    /// The user.
    public var userId: UUID
    /// New department, `nil` for none.
    public var departmentId: UUID?
    /// Who changed it.
    public var byUserId: UUID?

    public init(userId: UUID, departmentId: UUID? = nil, byUserId: UUID? = nil) {
        self.userId = userId
        self.departmentId = departmentId
        self.byUserId = byUserId
    }
}
