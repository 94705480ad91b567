import Foundation

/// Commands on a user.
public enum UserCommand: Sendable, Equatable {
    /// Create a user; the API has already hashed the password (Argon2id).
    case create(
        userId: UUID, tenantId: UUID, name: String, email: String, passwordHash: String, role: UserRole,
        departmentId: UUID?)
    case changeRole(UserRole, byUserId: UUID?)
    case changeDepartment(UUID?, byUserId: UUID?)
    case activate(byUserId: UUID?)
    case deactivate(byUserId: UUID?)
    case changePassword(passwordHash: String)
}
