import Foundation

extension User {
    /// Decides a user command against the folded state (`nil` = no stream yet).
    public static func decide(_ command: UserCommand, state: User?) throws -> Decision {
        if case .create(let userId, let tenantId, let name, let email, let hash, let role, let departmentId) =
            command
        {
            if state != nil { throw DomainError.invalidState("user already exists", field: "email") }
            let cleanName = Validate.trimmed(try Validate.text(name, field: "name", max: 120))
            let cleanEmail = EmailAddress.normalized(email)
            try Validate.email(cleanEmail, field: "email")
            _ = try Validate.text(hash, field: "password", max: 512)
            let created = UserCreated(
                userId: userId, tenantId: tenantId, name: cleanName, email: cleanEmail, passwordHash: hash,
                role: role, departmentId: departmentId)
            return Decision(
                [.userCreated(created)],
                keyChanges: [.reserve(key: UniqueKeys.email(cleanEmail), stream: Streams.user(userId))])
        }
        guard let user = state else { throw DomainError.notFound("user") }
        switch command {
        case .create:
            return .none
        case .changeRole(let role, let byUserId):
            if role == user.role { return .none }
            return Decision([
                .userRoleChanged(UserRoleChanged(userId: user.id, role: role, byUserId: byUserId))
            ])
        case .changeDepartment(let departmentId, let byUserId):
            if departmentId == user.departmentId { return .none }
            return Decision([
                .userDepartmentChanged(
                    UserDepartmentChanged(userId: user.id, departmentId: departmentId, byUserId: byUserId))
            ])
        case .activate(let byUserId):
            if user.isActive { return .none }
            return Decision([.userActivated(UserActivated(userId: user.id, byUserId: byUserId))])
        case .deactivate(let byUserId):
            if !user.isActive { return .none }
            return Decision([.userDeactivated(UserDeactivated(userId: user.id, byUserId: byUserId))])
        case .changePassword(let hash):
            _ = try Validate.text(hash, field: "password", max: 512)
            return Decision([.userPasswordChanged(UserPasswordChanged(userId: user.id, passwordHash: hash))])
        }
    }
}
