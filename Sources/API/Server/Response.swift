import Foundation
import Projections

/// What a responder returns: status, headers and the whole body.
public struct Response: Sendable {
    public var status: Int
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// When set, the body is streamed from it instead of `body`.
    public var stream: (any ResponseStream)?

    public init(
        status: Int, headers: [HTTPHeader] = [], body: [UInt8] = [], stream: (any ResponseStream)? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.stream = stream
    }

    /// A JSON response encoded with the API's conventions (ISO-8601 milliseconds, sorted keys).
    public static func json<Value: Encodable>(_ value: Value, status: Int = 200) throws -> Response {
        Response(
            status: status, headers: [HTTPHeader("Content-Type", "application/json; charset=utf-8")],
            body: try JSONCoding.encode(value))
    }

    /// A JSON response from an open-shaped value.
    public static func json(_ value: JSONValue, status: Int = 200) -> Response {
        Response(
            status: status, headers: [HTTPHeader("Content-Type", "application/json; charset=utf-8")],
            body: Array(value.serialized().utf8))
    }

    /// A plain-text response.
    public static func text(
        _ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8"
    )
        -> Response
    {
        Response(status: status, headers: [HTTPHeader("Content-Type", contentType)], body: Array(text.utf8))
    }

    /// 204 No Content.
    public static let noContent = Response(status: 204)

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Sets (replaces) a header.
    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        headers.append(HTTPHeader(name, value))
    }
}
