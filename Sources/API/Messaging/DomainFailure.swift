import Domain
import Projections

/// Renders the Domain's errors for the messaging routes: the Domain chooses the status
/// (400/404/409/422), the field and limit go into `details`.
enum DomainFailure {
    static func apiError(_ error: DomainError) -> APIError {
        var details: [String: JSONValue] = [:]
        if let field = error.field { details["field"] = .string(field) }
        if let limit = error.limit { details["limit"] = .number(Double(limit)) }
        return APIError(
            status: error.code.httpStatus, code: error.code.rawValue, message: error.message, details: details
        )
    }

    /// Runs `body`, turning a `DomainError` into its HTTP rendering.
    static func rendering<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DomainError {
            throw apiError(error)
        }
    }
}
