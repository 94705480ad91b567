import Foundation

extension Request {
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
