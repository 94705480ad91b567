/// `POST /auth/register`.
struct RegisterBody: Decodable {
    let tenantName: String
    let tenantSlug: String
    let userName: String
    let email: String
    let password: String
}

/// `POST /auth/login`.
struct LoginBody: Decodable {
    let email: String
    let password: String
}

/// `PUT /auth/change-password`.
struct ChangePasswordBody: Decodable {
    let currentPassword: String
    let newPassword: String
}

/// `POST /auth/users` (admin).
struct CreateUserBody: Decodable {
    let name: String
    let email: String
    let password: String
    let role: String?
    let departmentId: String?
}

/// Password rules shared by every route that sets one.
enum PasswordPolicy {
    static func check(_ password: String, field: String) throws {
        let length = password.count
        guard length >= 8 else {
            throw APIError.validation(field: field, "\(field) must have at least 8 characters")
        }
        guard length <= 128 else {
            throw APIError.validation(field: field, "\(field) must have at most 128 characters")
        }
    }
}
