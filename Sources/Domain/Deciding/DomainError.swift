/// The one error a decider or translator throws: a stable code, the field at fault and,
/// for limits, the limit, so the API can choose its answer (400/404/409/422) without guessing.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable error codes; the raw value is what clients see.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// Input breaks a rule (missing, too long, out of range, malformed).
        case validation = "ERR_VALIDATION"
        /// Free-form message outside the 24-hour customer-service window (WhatsApp 131047).
        case windowClosed = "ERR_WINDOW_CLOSED"
        /// The command clashes with the current state or another stream (already exists,
        /// already closed, contact already has an open conversation).
        case conflict = "ERR_CONFLICT"
        /// The aggregate or item the command needs does not exist.
        case notFound = "ERR_NOT_FOUND"
        /// A webhook body that is not the provider's shape.
        case invalidWebhook = "ERR_INVALID_WEBHOOK"
    }

    /// What kind of failure.
    public var code: Code
    /// The input field at fault, in the request's JSON spelling (`buttons[1].title`).
    public var field: String?
    /// The limit that was broken (characters, count, value), when there is one.
    public var limit: Int?
    /// A sentence for humans.
    public var message: String

    public init(_ code: Code, field: String? = nil, limit: Int? = nil, message: String) {
        self.code = code
        self.field = field
        self.limit = limit
        self.message = message
    }

    public var description: String {
        var text = code.rawValue + ": " + message
        if let field { text += " (field \(field)" + (limit.map { ", limit \($0)" } ?? "") + ")" }
        return text
    }

    static func required(_ field: String) -> DomainError {
        DomainError(.validation, field: field, message: "\(field) is required")
    }

    static func tooLong(_ field: String, limit: Int) -> DomainError {
        DomainError(
            .validation, field: field, limit: limit, message: "\(field) must be at most \(limit) characters")
    }

    static func invalidState(_ message: String, field: String? = nil) -> DomainError {
        DomainError(.conflict, field: field, message: message)
    }

    static func notFound(_ what: String) -> DomainError {
        DomainError(.notFound, message: "\(what) does not exist")
    }
}
