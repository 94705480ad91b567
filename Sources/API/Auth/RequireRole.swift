/// Allows only users whose role is in `roles` (403 otherwise); runs after `BearerAuthentication`.
public struct RequireRole: Middleware {
    private let roles: Set<String>

    public init(_ roles: Set<String>) {
        self.roles = roles
    }

    /// Administrators only.
    public static let admin = RequireRole(["ADMIN"])

    public func handle(_ request: Request, next: Responder) throws -> Response {
        guard let user = request.user else { throw APIError.unauthorized() }
        guard roles.contains(user.role) else {
            throw APIError.forbidden("Requires role \(roles.sorted().joined(separator: " or "))")
        }
        return try next(request)
    }
}
