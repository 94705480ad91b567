/// Builds the OpenAPI 3.1 document from the router's route table.
enum OpenAPIDocument {
    static func build(routes: [(method: String, pattern: String)]) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for route in routes {
            let path = openAPIPath(route.pattern)
            var operation: [String: JSONValue] = [
                "summary": .string(
                    RouteDescriptions.summary(method: route.method, pattern: route.pattern)
                        ?? "\(route.method) \(route.pattern)"),
                "operationId": .string(operationId(route.method, route.pattern)),
                "responses": .object(["default": .object(["description": "See the seed contracts."])]),
            ]
            let parameters = route.pattern.split(separator: "/").filter { $0.hasPrefix(":") }.map { name in
                JSONValue.object([
                    "name": .string(String(name.dropFirst())), "in": "path", "required": true,
                    "schema": .object(["type": "string"]),
                ])
            }
            if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
            if route.pattern.hasPrefix("/api/") || route.pattern == "/auth/me"
                || route.pattern.hasPrefix("/auth/users")
                || route.pattern == "/auth/change-password"
            {
                operation["security"] = .array([.object(["bearer": .array([])])])
            }
            paths[path, default: [:]][route.method.lowercased()] = .object(operation)
        }
        return .object([
            "openapi": "3.1.0",
            "info": .object(["title": "ChatLedger", "version": "1.0.0"]),
            "components": .object([
                "securitySchemes": .object([
                    "bearer": .object(["type": "http", "scheme": "bearer", "bearerFormat": "JWT"])
                ])
            ]),
            "paths": .object(paths.mapValues { .object($0) }),
        ])
    }

    /// `/api/conversations/:id` → `/api/conversations/{id}`.
    static func openAPIPath(_ pattern: String) -> String {
        "/"
            + pattern.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            .joined(separator: "/")
    }

    private static func operationId(_ method: String, _ pattern: String) -> String {
        method.lowercased()
            + pattern.split(separator: "/").map { part in
                let word = part.hasPrefix(":") ? "By" + part.dropFirst().capitalized : part.capitalized
                return word.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ".", with: "")
            }.joined()
    }
}
