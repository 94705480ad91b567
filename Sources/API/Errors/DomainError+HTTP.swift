import Domain
import Projections

extension DomainError: HTTPResponseError {
    /// The status follows the code; the field and limit go into details.
    public var apiError: APIError {
        var details: [String: JSONValue] = [:]
        if let field { details["field"] = .string(field) }
        if let limit { details["limit"] = .number(Double(limit)) }
        return APIError(status: code.httpStatus, code: code.rawValue, message: message, details: details)
    }
}

extension DomainError.Code {
    /// The HTTP status the API answers a Domain error with.
    public var httpStatus: Int {
        switch self {
        case .validation, .invalidWebhook: 400
        case .notFound: 404
        case .conflict: 409
        case .windowClosed: 422
        }
    }
}
