import Foundation

/// A user (agent, supervisor or admin) was created.
public struct UserCreated: DomainEventBody {
    public static let type = "UserCreated.v1"

    /// The user.
    public var userId: UUID
    /// Tenant the user belongs to.
    public var tenantId: UUID
    /// Display name.
    public var name: String
    /// Login e-mail, lower-cased.
    public var email: String
    /// Argon2id hash (encoded string) made by the API.
    public var passwordHash: String
    /// Role.
    public var role: UserRole
    /// Department the user works in.
    public var departmentId: UUID?

    public init(
        userId: UUID, tenantId: UUID, name: String, email: String, passwordHash: String, role: UserRole,
        departmentId: UUID? = nil
    ) {
        self.userId = userId
        self.tenantId = tenantId
        self.name = name
        self.email = email
        self.passwordHash = passwordHash
        self.role = role
        self.departmentId = departmentId
    }
}
