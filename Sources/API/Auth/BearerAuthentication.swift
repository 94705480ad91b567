import Foundation
import Projections

/// Requires `Authorization: Bearer <JWT>`; puts the verified user on the request, and when
/// `X-Tenant-Slug` is sent, requires it to name the token's tenant (403 otherwise).
public struct BearerAuthentication: Middleware {
    private let signer: JWTSigner
    private let tenantForSlug: @Sendable (String) throws -> UUID?
    private let clock: @Sendable () -> Int64
    private let standing: (@Sendable (AuthenticatedUser) throws -> CallerStanding)?
    private let verified = VerifiedTokens()

    /// `tenantForSlug` resolves a slug to its tenant id (nil when unknown); `standing`, when
    /// given, looks the token's user up so that tokens of unknown users, of users outside the
    /// token's tenant and of users deactivated since they were issued are refused, each with
    /// its own code (`CallerStanding.refusal`); `clock` gives milliseconds since the epoch.
    public init(
        signer: JWTSigner, tenantForSlug: @escaping @Sendable (String) throws -> UUID?,
        standing: (@Sendable (AuthenticatedUser) throws -> CallerStanding)? = nil,
        clock: @escaping @Sendable () -> Int64 = { Timestamp.nowMilliseconds() }
    ) {
        self.signer = signer
        self.tenantForSlug = tenantForSlug
        self.standing = standing
        self.clock = clock
    }

    public func handle(_ request: Request, next: Responder) throws -> Response {
        guard let authorization = request.header("Authorization") else {
            throw APIError.unauthorized("Missing Authorization header")
        }
        let prefix = "bearer "
        guard authorization.count > prefix.count, authorization.lowercased().hasPrefix(prefix) else {
            throw APIError.unauthorized("Authorization must be a Bearer token")
        }
        let token = String(authorization.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        let claims = try verified.claims(of: token, signer: signer, now: clock() / 1000)
        guard let userId = UUID(uuidString: claims.sub), let tenantId = UUID(uuidString: claims.tid) else {
            throw APIError.unauthorized("Invalid token")
        }
        if let slug = request.header("X-Tenant-Slug") {
            guard try tenantForSlug(slug.lowercased()) == tenantId else {
                throw APIError.forbidden("X-Tenant-Slug does not match the token's tenant")
            }
        }
        let user = AuthenticatedUser(userId: userId, tenantId: tenantId, role: claims.role)
        if let standing, let refusal = try standing(user).refusal { throw refusal }
        var authenticated = request
        authenticated.user = user
        return try next(authenticated)
    }
}
