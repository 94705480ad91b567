import Projections

/// `GET /openapi.json`: an OpenAPI 3.1 outline of every route the server registered
/// (paths, methods, path parameters, auth), generated from the router so it cannot drift.
enum OpenAPIRoute {
    static func register(into router: inout Router) {
        let document = outline(router.routeTable)
        router.add("GET", "/openapi.json") { _ in Response.json(document) }
    }

    static func outline(_ routes: [(method: String, pattern: String)]) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for route in routes {
            let segments = route.pattern.split(separator: "/")
            let path =
                "/"
                + segments.map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(
                    separator: "/")
            let parameters: [JSONValue] = segments.filter { $0.hasPrefix(":") }.map { segment in
                .object([
                    "name": .string(String(segment.dropFirst())), "in": "path", "required": true,
                    "schema": .object(["type": "string"]),
                ])
            }
            var operation: [String: JSONValue] = [
                "summary": .string(
                    RouteDescriptions.summary(method: route.method, pattern: route.pattern)
                        ?? "\(route.method) \(route.pattern)"),
                "operationId": .string(
                    route.method.lowercased() + path.replacingOccurrences(of: "/", with: "_")),
                "responses": .object([
                    "default": .object(["description": "See the error shape in components"])
                ]),
            ]
            if let description = RouteDescriptions.description(method: route.method, pattern: route.pattern) {
                operation["description"] = .string(description)
            }
            if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
            if route.pattern.hasPrefix("/api/") || route.pattern.hasPrefix("/auth/me")
                || route.pattern.hasPrefix("/auth/users") || route.pattern == "/auth/change-password"
            {
                operation["security"] = .array([.object(["bearer": .array([])])])
            }
            paths[path, default: [:]][route.method.lowercased()] = .object(operation)
        }
        return .object([
            "openapi": "3.1.0",
            "info": .object(["title": "ChatLedger", "version": "1.0.0"]),
            "paths": .object(paths.mapValues { .object($0) }),
            "components": .object([
                "securitySchemes": .object([
                    "bearer": .object(["type": "http", "scheme": "bearer", "bearerFormat": "JWT"])
                ]),
                "schemas": .object([
                    "Error": .object([
                        "type": "object", "required": .array(["error", "message", "details"]),
                        "properties": .object([
                            "error": .object(["type": "string"]), "message": .object(["type": "string"]),
                            "details": .object(["type": "object"]),
                        ]),
                    ])
                ]),
            ]),
        ])
    }
}
