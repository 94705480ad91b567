extension Router {
    /// Method and pattern of every registered route, in registration order (`/openapi.json`).
    public var routeTable: [(method: String, pattern: String)] {
        routes.map { ($0.method, $0.pattern) }
    }
}
