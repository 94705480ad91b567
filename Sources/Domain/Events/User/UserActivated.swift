import Foundation

/// A deactivated user may log in again.
public struct UserActivated: DomainEventBody {
    public static let type = "UserActivated.v1"

    /// The user.
    public var userId: UUID
    /// Who activated them.
    public var byUserId: UUID?

    public init(userId: UUID, byUserId: UUID? = nil) {
        self.userId = userId
        self.byUserId = byUserId
    }
}
