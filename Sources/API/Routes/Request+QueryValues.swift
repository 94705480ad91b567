import Foundation

extension Request {
    /// An optional UUID query parameter (400 naming it when malformed).
    func queryUUID(_ name: String) throws -> UUID? {
        guard let text = queryValue(name), !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw APIError.validation(field: name, "\(name) must be a UUID")
        }
        return id
    }

    /// An optional ISO-8601 time query parameter, as epoch milliseconds.
    func queryTime(_ name: String) throws -> Int64? {
        guard let text = queryValue(name), !text.isEmpty else { return nil }
        guard let milliseconds = Timestamp.parse(text) else {
            throw APIError.validation(
                field: name, "\(name) must be an ISO-8601 time such as 2025-11-12T10:30:00.000Z")
        }
        return milliseconds
    }

    /// An optional `true`/`false` query parameter.
    func queryBool(_ name: String) throws -> Bool? {
        guard let text = queryValue(name), !text.isEmpty else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError.validation(field: name, "\(name) must be true or false")
        }
    }

    /// An optional query parameter that must be one of `allowed`.
    func queryChoice(_ name: String, _ allowed: Set<String>) throws -> String? {
        guard let text = queryValue(name), !text.isEmpty else { return nil }
        guard allowed.contains(text) else {
            throw APIError.validation(
                field: name, "\(name) must be one of \(allowed.sorted().joined(separator: ", "))")
        }
        return text
    }

    /// An optional non-negative log position query parameter.
    func queryPosition(_ name: String) throws -> UInt64? {
        guard let text = queryValue(name), !text.isEmpty else { return nil }
        guard let value = UInt64(text) else {
            throw APIError.validation(field: name, "\(name) must be a log position (a non-negative integer)")
        }
        return value
    }

    /// The caller's tenant.
    var tenantId: UUID { authenticatedUser.tenantId }
}
