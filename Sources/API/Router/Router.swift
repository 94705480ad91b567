/// Routes requests by method and path pattern (`/api/conversations/:id/messages`):
/// 404 when no pattern matches, 405 (with `Allow`) when only the method is wrong.
public struct Router: Sendable {
    private var routes: [Route] = []
    /// Body limit for routes that do not set their own.
    public var defaultBodyLimit: Int

    public init(defaultBodyLimit: Int = 1 << 20) {
        self.defaultBodyLimit = defaultBodyLimit
    }

    /// Registers a responder, wrapped by `middleware` (first element runs first).
    public mutating func add(
        _ method: String, _ pattern: String, middleware: [any Middleware] = [], bodyLimit: Int? = nil,
        _ responder: @escaping Responder
    ) {
        var wrapped = responder
        for step in middleware.reversed() {
            let next = wrapped
            wrapped = { request in try step.handle(request, next: next) }
        }
        routes.append(Route(method: method, pattern: pattern, bodyLimit: bodyLimit, responder: wrapped))
    }

    /// Every registered (method, pattern), in registration order.
    public var routeTable: [(method: String, pattern: String)] {
        routes.map { ($0.method, $0.pattern) }
    }

    /// The most bytes of body accepted for this method and path.
    public func bodyLimit(method: String, path: String) -> Int {
        route(method: method, path: path)?.bodyLimit ?? defaultBodyLimit
    }

    /// The pattern of the route serving this method and path, `unmatched` when none does.
    public func routePattern(method: String, path: String) -> String {
        route(method: method, path: path)?.pattern ?? "unmatched"
    }

    private func route(method: String, path: String) -> Route? {
        let segments = Route.split(path)
        return routes.first { $0.method == method && $0.match(segments) != nil }
    }

    /// Finds the route, fills in pattern and parameters, and runs it. Errors become their
    /// JSON rendering; unknown errors become a bare 500.
    public func respond(to request: Request) -> RoutedResponse {
        let segments = Route.split(request.path)
        var allowed: [String] = []
        for route in routes {
            guard let parameters = route.match(segments) else { continue }
            guard route.method == request.method else {
                allowed.append(route.method)
                continue
            }
            var routed = request
            routed.routePattern = route.pattern
            routed.pathParameters = parameters
            do {
                return RoutedResponse(response: try route.responder(routed), routePattern: route.pattern)
            } catch let error as any HTTPResponseError {
                return RoutedResponse(response: error.apiError.response, routePattern: route.pattern)
            } catch {
                return RoutedResponse(
                    response: APIError.internal.response, routePattern: route.pattern,
                    internalError: String(describing: error))
            }
        }
        if allowed.isEmpty {
            let error = APIError.notFound("No route for \(request.method) \(request.path)")
            return RoutedResponse(response: error.response, routePattern: "unmatched")
        }
        return RoutedResponse(
            response: APIError.methodNotAllowed(allowed: allowed).response, routePattern: "unmatched")
    }
}

/// The outcome of routing: the response, the pattern that matched (`unmatched` otherwise) and,
/// for a 500, the hidden cause (logged, never sent).
public struct RoutedResponse: Sendable {
    public let response: Response
    public let routePattern: String
    public let internalError: String?

    init(response: Response, routePattern: String, internalError: String? = nil) {
        self.response = response
        self.routePattern = routePattern
        self.internalError = internalError
    }
}
