import Projections

/// The one error that reaches HTTP: a status, a stable code and a JSON body
/// `{"error": code, "message": text, "details": {…}}` (seed 000).
public struct APIError: Error, Sendable, Equatable {
    public let status: Int
    public let code: String
    public let message: String
    public let details: [String: JSONValue]
    /// Extra response headers (`Retry-After`, `Allow`).
    public let headers: [HTTPHeader]

    public init(
        status: Int, code: String, message: String, details: [String: JSONValue] = [:],
        headers: [HTTPHeader] = []
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    /// 400: a request field is missing, has the wrong type or an invalid value.
    public static func validation(field: String, _ message: String) -> APIError {
        APIError(status: 400, code: "ERR_VALIDATION", message: message, details: ["field": .string(field)])
    }

    /// 401: no credentials, or credentials that do not verify.
    public static func unauthorized(_ message: String = "Invalid or missing credentials") -> APIError {
        APIError(status: 401, code: "ERR_UNAUTHORIZED", message: message)
    }

    /// 403: authenticated but not allowed.
    public static func forbidden(_ message: String = "Not allowed") -> APIError {
        APIError(status: 403, code: "ERR_FORBIDDEN", message: message)
    }

    /// 404: no such resource (also for another tenant's resource).
    public static func notFound(_ message: String = "Not found", code: String = "ERR_NOT_FOUND") -> APIError {
        APIError(status: 404, code: code, message: message)
    }

    /// 405: the path exists, the method does not.
    public static func methodNotAllowed(allowed: [String]) -> APIError {
        APIError(
            status: 405, code: "ERR_METHOD_NOT_ALLOWED", message: "Method not allowed",
            details: ["allowed": .array(allowed.map { .string($0) })],
            headers: [HTTPHeader("Allow", allowed.joined(separator: ", "))])
    }

    /// 409: a uniqueness or concurrency conflict.
    public static func conflict(_ code: String, _ message: String, details: [String: JSONValue] = [:])
        -> APIError
    {
        APIError(status: 409, code: code, message: message, details: details)
    }

    /// 413: the body is larger than the route accepts.
    public static func payloadTooLarge(limit: Int) -> APIError {
        APIError(
            status: 413, code: "ERR_PAYLOAD_TOO_LARGE", message: "Request body too large",
            details: ["limitBytes": .number(Double(limit))])
    }

    /// 422: well-formed, but a domain rule refuses it.
    public static func unprocessable(_ code: String, _ message: String, details: [String: JSONValue] = [:])
        -> APIError
    {
        APIError(status: 422, code: code, message: message, details: details)
    }

    /// 429: too many attempts; retry after the given number of seconds.
    public static func tooManyRequests(retryAfterSeconds: Int) -> APIError {
        APIError(
            status: 429, code: "ERR_RATE_LIMITED", message: "Too many attempts, try again later",
            details: ["retryAfter": .number(Double(retryAfterSeconds))],
            headers: [HTTPHeader("Retry-After", String(retryAfterSeconds))])
    }

    /// 503: a dependency (Postgres, the projector) is unavailable.
    public static func unavailable(_ message: String = "Service temporarily unavailable") -> APIError {
        APIError(status: 503, code: "ERR_UNAVAILABLE", message: message, details: ["retry": true])
    }

    /// 500: never carries the underlying error's text (it may leak internals).
    public static let `internal` = APIError(
        status: 500, code: "ERR_INTERNAL", message: "Internal server error")

    /// The JSON body of this error.
    public var body: JSONValue {
        .object(["error": .string(code), "message": .string(message), "details": .object(details)])
    }

    /// The HTTP response for this error.
    public var response: Response {
        var response = Response(status: status, body: Array(body.serialized().utf8))
        response.headers.append(HTTPHeader("Content-Type", "application/json; charset=utf-8"))
        response.headers.append(contentsOf: headers)
        return response
    }
}

/// Errors from other modules conform to this to choose their HTTP rendering.
public protocol HTTPResponseError: Error {
    var apiError: APIError { get }
}

extension APIError: HTTPResponseError {
    public var apiError: APIError { self }
}
