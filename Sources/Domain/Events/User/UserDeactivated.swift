import Foundation

/// A user may no longer log in.
public struct UserDeactivated: DomainEventBody {
    public static let type = "UserDeactivated.v1"

    /// The user.
    public var userId: UUID
    /// Who deactivated them.
    public var byUserId: UUID?

    public init(userId: UUID, byUserId: UUID? = nil) {
        self.userId = userId
        self.byUserId = byUserId
    }
}
