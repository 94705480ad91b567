import Domain
import Foundation

/// What the event log says about the user a verified token names. The signature proves who
/// issued the token, not that its user still exists, still belongs to the token's tenant or
/// is still active: the log is the truth, and each refusal says which of these failed.
public enum CallerStanding: Sendable, Equatable {
    /// The user exists in the token's tenant and is active.
    case active
    /// No user has the token's `sub`.
    case unknownUser
    /// The user exists, but in another tenant than the token's `tid`.
    case otherTenant
    /// The user was deactivated since the token was issued.
    case deactivated

    /// The standing of `user` (nil: no such user) for a token of `tenantId`.
    public init(user: User?, tenantId: UUID) {
        guard let user else {
            self = .unknownUser
            return
        }
        if user.tenantId != tenantId {
            self = .otherTenant
        } else {
            self = user.isActive ? .active : .deactivated
        }
    }

    /// The 401 that refuses this standing; nil for `.active`.
    public var refusal: APIError? {
        switch self {
        case .active:
            return nil
        case .unknownUser:
            return APIError(status: 401, code: "ERR_UNKNOWN_USER", message: "The token's user does not exist")
        case .otherTenant:
            return APIError(
                status: 401, code: "ERR_TENANT_MISMATCH",
                message: "The token's user does not belong to the token's tenant")
        case .deactivated:
            return APIError(status: 401, code: "ERR_USER_INACTIVE", message: "This user is deactivated")
        }
    }

    /// `user` when it may act for `tenantId`; otherwise its standing's refusal.
    public static func requireActive(_ user: User?, tenantId: UUID) throws(APIError) -> User {
        let standing = CallerStanding(user: user, tenantId: tenantId)
        if let refusal = standing.refusal { throw refusal }
        guard let user else { preconditionFailure("an active standing has a user") }
        return user
    }
}
