/// Produces the response for a request.
public typealias Responder = @Sendable (Request) throws -> Response

/// A step around a responder (authentication, role checks); it may change the request or
/// answer early by throwing an `APIError`.
public protocol Middleware: Sendable {
    func handle(_ request: Request, next: Responder) throws -> Response
}
