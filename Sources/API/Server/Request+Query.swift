import Foundation
import Projections

extension Request {
    /// An optional UUID query parameter (400 naming it when malformed).
    public func queryUUID(_ name: String) throws -> UUID? {
        guard let text = queryValue(name), !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw APIError.validation(field: name, "\(name) must be a UUID")
        }
        return id
    }

    /// An optional `true`/`false` query parameter.
    public func queryBool(_ name: String) throws -> Bool? {
        guard let text = queryValue(name), !text.isEmpty else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError.validation(field: name, "\(name) must be true or false")
        }
    }

    /// An optional time: ISO-8601 (`2025-11-12T10:30:00.000Z`) or epoch milliseconds.
    public func queryTime(_ name: String) throws -> Int64? {
        guard let text = queryValue(name), !text.isEmpty else { return nil }
        if let milliseconds = Int64(text), milliseconds >= 0 { return milliseconds }
        guard let milliseconds = Timestamp.parse(text) else {
            throw APIError.validation(field: name, "\(name) must be an ISO-8601 time or epoch milliseconds")
        }
        return milliseconds
    }

    /// An optional text query parameter of at most `maxLength` characters; empty counts as absent.
    public func queryText(_ name: String, maxLength: Int = 200) throws -> String? {
        guard let text = queryValue(name), !text.isEmpty else { return nil }
        guard text.count <= maxLength else {
            throw APIError.validation(field: name, "\(name) must be at most \(maxLength) characters")
        }
        return text
    }
}
