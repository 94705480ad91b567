import EventStore
import Projections

extension EventStoreError: HTTPResponseError {
    /// Version conflicts that survived the retries and taken keys are 409; everything else
    /// is an internal failure whose text is logged, never sent.
    public var apiError: APIError {
        switch self {
        case .wrongExpectedVersion(let stream, _, let actual):
            return APIError.conflict(
                "ERR_VERSION_CONFLICT", "The resource was changed concurrently, retry",
                details: ["stream": .string(stream.rawValue), "version": .number(Double(actual))])
        case .uniqueKeyTaken(let key, _):
            return UniqueKeyConflict.error(for: key.rawValue)
        case .invalidField(let field, let reason):
            return APIError.validation(field: field, reason)
        case .closed:
            return APIError.unavailable("The event log is shutting down")
        case .lmdb, .unsupportedFormat, .dataKeyForgotten, .corruptRecord, .keyringFile, .crypto:
            return APIError.internal
        }
    }
}

extension DatabaseError: HTTPResponseError {
    /// An unreachable Postgres is a 503 (appends keep working); anything else is a 500.
    public var apiError: APIError {
        isUnavailable ? APIError.unavailable("The read models are unavailable") : APIError.internal
    }
}

extension ReadModelError: HTTPResponseError {
    public var apiError: APIError {
        switch self {
        case .invalidParameter(let field, let reason):
            return APIError.validation(field: field, "\(field) \(reason)")
        }
    }
}

/// Maps a taken unique key to a 409 naming what clashed (slug, e-mail, name).
enum UniqueKeyConflict {
    static func error(for key: String) -> APIError {
        let namespace = key.split(separator: ":", maxSplits: 1).first.map(String.init) ?? key
        switch namespace {
        case "slug":
            return APIError.conflict(
                "ERR_TENANT_SLUG_TAKEN", "This tenant slug is already in use",
                details: ["field": "tenantSlug"])
        case "email":
            return APIError.conflict(
                "ERR_EMAIL_TAKEN", "This e-mail is already in use", details: ["field": "email"])
        case "department-name":
            return APIError.conflict(
                "ERR_DEPARTMENT_EXISTS", "A department with this name exists", details: ["field": "name"])
        case "tag-name":
            return APIError.conflict(
                "ERR_TAG_EXISTS", "A tag with this name exists", details: ["field": "name"])
        case "open-conversation":
            return APIError.conflict("ERR_CONVERSATION_OPEN", "The contact already has an open conversation")
        case "meta-number", "evolution-instance":
            return APIError.conflict(
                "ERR_CHANNEL_TAKEN", "This WhatsApp number or instance belongs to another tenant")
        default:
            return APIError.conflict("ERR_CONFLICT", "The resource already exists")
        }
    }
}
