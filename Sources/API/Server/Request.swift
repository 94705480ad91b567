import Foundation

/// One HTTP request as the responders see it: identity, route, parameters, headers, body
/// and, once the auth step ran, the authenticated user.
public struct Request: Sendable {
    /// Echoed as `X-Request-Id`; the caller's own id when it was sane.
    public let id: String
    public let method: String
    public let path: String
    /// The matched route pattern (`/api/conversations/:id`), used for logs and metrics.
    public var routePattern: String
    public var pathParameters: [String: String]
    public let query: [QueryItem]
    /// Header values by lowercased name.
    public let headers: [String: String]
    public let body: [UInt8]
    public let clientAddress: String
    public var user: AuthenticatedUser?

    public init(
        id: String, method: String, path: String, routePattern: String = "",
        pathParameters: [String: String] = [:], query: [QueryItem] = [], headers: [String: String] = [:],
        body: [UInt8] = [], clientAddress: String = "", user: AuthenticatedUser? = nil
    ) {
        self.id = id
        self.method = method
        self.path = path
        self.routePattern = routePattern
        self.pathParameters = pathParameters
        self.query = query
        self.headers = headers
        self.body = body
        self.clientAddress = clientAddress
        self.user = user
    }

    /// A header value by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    /// The first value of a query parameter.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// A path parameter; a route without it is a programming error.
    public func parameter(_ name: String) -> String {
        guard let value = pathParameters[name] else {
            preconditionFailure("route \(routePattern) has no parameter \(name)")
        }
        return value
    }

    /// A path parameter that must be a UUID (400 naming it otherwise).
    public func uuidParameter(_ name: String) throws -> UUID {
        guard let id = UUID(uuidString: parameter(name)) else {
            throw APIError.validation(field: name, "\(name) must be a UUID")
        }
        return id
    }

    /// An optional integer query parameter within `range` (400 naming it otherwise).
    public func queryInt(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = queryValue(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.validation(
                field: name, "\(name) must be an integer between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    /// Decodes the JSON body strictly (400 naming the field on any mismatch).
    public func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONCoding.decode(type, from: body)
    }

    /// The authenticated user; a route reached without the auth step is a programming error.
    public var authenticatedUser: AuthenticatedUser {
        guard let user else { preconditionFailure("route \(routePattern) is missing the auth step") }
        return user
    }
}

/// One `name=value` of the query string (already percent-decoded).
public struct QueryItem: Sendable, Equatable {
    public let name: String
    public let value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Who is calling, from a verified JWT.
public struct AuthenticatedUser: Sendable, Equatable {
    public let userId: UUID
    public let tenantId: UUID
    public let role: String

    public init(userId: UUID, tenantId: UUID, role: String) {
        self.userId = userId
        self.tenantId = tenantId
        self.role = role
    }

    public var isAdmin: Bool { role == "ADMIN" }
}
