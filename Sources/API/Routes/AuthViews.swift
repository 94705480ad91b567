import Domain

/// `user` in the seed 001 auth responses.
struct UserJSON: Encodable {
    let id: String
    let email: String
    let name: String
    let role: String
    let tenantId: String
    let departmentId: String?
    let isActive: Bool

    init(_ user: User) {
        id = user.id.lowercasedString
        email = user.email
        name = user.name
        role = user.role.rawValue
        tenantId = user.tenantId.lowercasedString
        departmentId = user.departmentId?.lowercasedString
        isActive = user.isActive
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(email, forKey: .email)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encode(tenantId, forKey: .tenantId)
        // Explicit null: clients of the seed API expect the key to be present.
        try container.encode(departmentId, forKey: .departmentId)
        try container.encode(isActive, forKey: .isActive)
    }

    private enum CodingKeys: String, CodingKey {
        case id, email, name, role, tenantId, departmentId, isActive
    }
}

/// `tenant` in the seed 001 auth responses.
struct TenantJSON: Encodable {
    let id: String
    let slug: String
    let name: String

    init(_ tenant: Tenant) {
        id = tenant.id.lowercasedString
        slug = tenant.slug
        name = tenant.name
    }
}

/// `{user, token, tenant}` from register and login.
struct SessionJSON: Encodable {
    let user: UserJSON
    let token: String
    let tenant: TenantJSON
}

/// `{user, tenant}` from `/auth/me`.
struct ProfileJSON: Encodable {
    let user: UserJSON
    let tenant: TenantJSON
}
