import Foundation

/// A tenant whose events wait outside the read models: applying the event at `position`
/// failed, so the projector goes on with every other tenant and retries this one by
/// rebuilding it (`Rebuilder.rebuildTenant`), which also lifts the hold.
public struct ProjectionHold: Sendable, Equatable {
    public let tenant: UUID
    /// The first event of the tenant not in the read models.
    public let position: UInt64
    /// What PostgreSQL answered when it was applied.
    public let error: String
    /// How many times applying it has failed.
    public let attempts: Int

    public init(tenant: UUID, position: UInt64, error: String, attempts: Int) {
        self.tenant = tenant
        self.position = position
        self.error = error
        self.attempts = attempts
    }
}
