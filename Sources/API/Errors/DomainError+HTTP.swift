import Domain
import Projections

extension DomainError: HTTPResponseError {
    /// The Domain chooses the status (400/404/409/422); the field and limit go into details.
    public var apiError: APIError {
        var details: [String: JSONValue] = [:]
        if let field { details["field"] = .string(field) }
        if let limit { details["limit"] = .number(Double(limit)) }
        return APIError(status: code.httpStatus, code: code.rawValue, message: message, details: details)
    }
}
