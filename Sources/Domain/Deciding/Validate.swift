import Foundation

/// Shared input rules. Lengths count characters as the user sees them (`Character`s,
/// i.e. grapheme clusters), so "👍🏽" is one character, as in WhatsApp's own counters.
enum Validate {
    static func text(_ value: String, field: String, max: Int) throws -> String {
        if isBlank(value) { throw DomainError.required(field) }
        if exceeds(value, max) { throw DomainError.tooLong(field, limit: max) }
        return value
    }

    static func optionalText(_ value: String?, field: String, max: Int) throws -> String? {
        guard let value else { return nil }
        if exceeds(value, max) { throw DomainError.tooLong(field, limit: max) }
        return isBlank(value) ? nil : value
    }

    /// Whether `value` has more than `max` characters; every character takes at least one
    /// UTF-8 byte, so short strings skip the grapheme walk.
    static func exceeds(_ value: String, _ max: Int) -> Bool {
        value.utf8.count > max && value.count > max
    }

    static func isBlank(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    /// `value` without leading and trailing white space (pure Swift, no bridging).
    static func trimmed(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return value }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    static func range(_ value: Int, field: String, _ range: ClosedRange<Int>) throws {
        if value < range.lowerBound {
            throw DomainError(
                .validation, field: field, limit: range.lowerBound,
                message: "\(field) must be at least \(range.lowerBound)")
        }
        if value > range.upperBound {
            throw DomainError(
                .validation, field: field, limit: range.upperBound,
                message: "\(field) must be at most \(range.upperBound)")
        }
    }

    static func count(_ count: Int, field: String, _ range: ClosedRange<Int>) throws {
        if count < range.lowerBound {
            throw DomainError(
                .validation, field: field, limit: range.lowerBound,
                message: "\(field) needs at least \(range.lowerBound) item(s)")
        }
        if count > range.upperBound {
            throw DomainError(
                .validation, field: field, limit: range.upperBound,
                message: "\(field) allows at most \(range.upperBound) item(s)")
        }
    }

    static func color(_ value: String, field: String) throws {
        let scalars = Array(value.unicodeScalars)
        let isHex =
            scalars.count == 7 && scalars[0] == "#"
            && scalars.dropFirst().allSatisfy { $0.properties.isASCIIHexDigit }
        if !isHex {
            throw DomainError(.validation, field: field, message: "\(field) must look like #RRGGBB")
        }
    }

    static func email(_ value: String, field: String) throws {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let valid =
            parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !value.contains(" ")
        if !valid {
            throw DomainError(.validation, field: field, message: "\(field) is not an e-mail address")
        }
        if exceeds(value, 254) { throw DomainError.tooLong(field, limit: 254) }
    }

    static func slug(_ value: String, field: String) throws {
        let allowed = value.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-"
        }
        if !allowed || value.hasPrefix("-") || value.hasSuffix("-") || value.count < 2 {
            throw DomainError(
                .validation, field: field,
                message: "\(field) must be 2 to 63 lower-case letters, digits or dashes")
        }
        if exceeds(value, 63) { throw DomainError.tooLong(field, limit: 63) }
    }

    static func httpURL(_ value: String, field: String, max: Int = 2048) throws {
        _ = try text(value, field: field, max: max)
        let lower = value.lowercased()
        if !(lower.hasPrefix("https://") || lower.hasPrefix("http://")) || value.contains(" ") {
            throw DomainError(.validation, field: field, message: "\(field) must be an http(s) URL")
        }
    }
}
