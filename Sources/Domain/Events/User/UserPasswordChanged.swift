import Foundation

/// A user's password changed.
public struct UserPasswordChanged: DomainEventBody {
    public static let type = "UserPasswordChanged.v1"

    /// The user.
    public var userId: UUID
    /// New Argon2id hash.
    public var passwordHash: String

    public init(userId: UUID, passwordHash: String) {
        self.userId = userId
        self.passwordHash = passwordHash
    }
}
