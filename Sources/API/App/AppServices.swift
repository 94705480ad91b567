import Domain
import EventStore
import Foundation
import Projections

/// Everything the route handlers share; built once by `ChatLedgerApp`.
public struct AppServices: Sendable {
    public let store: EventStore
    public let pipeline: CommandPipeline
    /// Nil when no Postgres is configured (reads then answer 503).
    public let readModel: ReadModel?
    public let signer: JWTSigner
    public let hasher: PasswordHasher
    public let loginLimiter: LoginRateLimiter
    public let secretBox: SecretBox
    public let metrics: MetricsRegistry
    public let logger: Logger
    /// Lifetime of issued tokens.
    public let tokenLifetimeSeconds: Int64
    /// Keys the contact phone index (`phone:<tenant>:<hmac(phone)>`).
    public let phoneIndexKey: [UInt8]

    public init(
        store: EventStore, pipeline: CommandPipeline, readModel: ReadModel?, signer: JWTSigner,
        hasher: PasswordHasher, loginLimiter: LoginRateLimiter, secretBox: SecretBox,
        metrics: MetricsRegistry,
        logger: Logger, phoneIndexKey: [UInt8], tokenLifetimeSeconds: Int64 = 12 * 3600
    ) {
        self.store = store
        self.pipeline = pipeline
        self.readModel = readModel
        self.signer = signer
        self.hasher = hasher
        self.loginLimiter = loginLimiter
        self.secretBox = secretBox
        self.metrics = metrics
        self.logger = logger
        self.tokenLifetimeSeconds = tokenLifetimeSeconds
        self.phoneIndexKey = phoneIndexKey
    }

    /// The tenant a slug belongs to, from the log's unique-key index.
    public func tenant(forSlug slug: String) throws -> UUID? {
        guard let stream = try pipeline.lookup(UniqueKeys.slug(slug)), stream.hasPrefix("tenant-") else {
            return nil
        }
        return UUID(uuidString: String(stream.dropFirst("tenant-".count)))
    }

    /// The bearer-token step for `/api/*` and the authenticated `/auth/*` routes.
    public var authentication: BearerAuthentication {
        let services = self
        return BearerAuthentication(
            signer: signer, tenantForSlug: { try services.tenant(forSlug: $0) },
            standing: { caller in
                // The log, not the token, is the truth: a deactivated user's tokens stop working,
                // and a token naming a user the tenant does not have says so.
                CallerStanding(
                    user: try services.pipeline.load(Streams.user(caller.userId)).fold(User.evolve),
                    tenantId: caller.tenantId)
            })
    }

    /// The read models, or 503 when this process has none.
    public func requireReadModel() throws -> ReadModel {
        guard let readModel else { throw APIError.unavailable("The read models are not configured") }
        return readModel
    }

    /// Issues a token for a user.
    public func token(for user: User, now: Int64) throws -> String {
        let issuedAt = now / 1000
        return try signer.sign(
            JWTClaims(
                sub: user.id.lowercasedString, tid: user.tenantId.lowercasedString, role: user.role.rawValue,
                iat: issuedAt, exp: issuedAt + tokenLifetimeSeconds))
    }
}
