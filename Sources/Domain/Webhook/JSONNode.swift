import Foundation

/// A read-only view of parsed JSON that remembers where it is, so every "missing" or
/// "wrong type" error names the exact path (`entry[0].changes[1].value.metadata`).
struct JSONNode {
    let value: Any?
    let path: String

    static func parse(_ body: [UInt8]) throws -> JSONNode {
        do {
            let object = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
            return JSONNode(value: object, path: "")
        } catch {
            throw DomainError(.invalidWebhook, field: "body", message: "the body is not valid JSON")
        }
    }

    subscript(key: String) -> JSONNode {
        let child = path.isEmpty ? key : path + "." + key
        return JSONNode(value: (value as? [String: Any])?[key], path: child)
    }

    var isMissing: Bool { value == nil || value is NSNull }

    var isObject: Bool { value is [String: Any] }

    func object() throws -> JSONNode {
        guard isObject else { throw wrong("an object") }
        return self
    }

    func array() throws -> [JSONNode] {
        guard let items = value as? [Any] else { throw wrong("an array") }
        return items.enumerated().map { JSONNode(value: $1, path: path + "[\($0)]") }
    }

    /// The items of an optional array (missing → empty).
    func optionalArray() throws -> [JSONNode] {
        isMissing ? [] : try array()
    }

    func string() throws -> String {
        guard let text = optionalString else { throw wrong("a string") }
        return text
    }

    /// A string, or a number written as text; `nil` when missing.
    var optionalString: String? {
        switch value {
        case let text as String: return text
        case let number as NSNumber where !(value is Bool): return number.stringValue
        default: return nil
        }
    }

    var optionalBool: Bool? {
        switch value {
        case let flag as Bool: return flag
        case let number as NSNumber: return number.intValue != 0
        case let text as String: return text == "true" ? true : text == "false" ? false : nil
        default: return nil
        }
    }

    var optionalInt64: Int64? {
        switch value {
        case let number as NSNumber where !(value is Bool): return number.int64Value
        case let text as String: return Int64(text)
        case let object as [String: Any]:
            // protobuf "Long" objects ({low, high, unsigned}) as some Evolution versions send them
            guard let low = (object["low"] as? NSNumber)?.int64Value else { return nil }
            let high = (object["high"] as? NSNumber)?.int64Value ?? 0
            return (high << 32) | (low & 0xffff_ffff)
        default: return nil
        }
    }

    var optionalDouble: Double? {
        switch value {
        case let number as NSNumber where !(value is Bool): return number.doubleValue
        case let text as String: return Double(text)
        default: return nil
        }
    }

    func int64() throws -> Int64 {
        guard let number = optionalInt64 else { throw wrong("an integer") }
        return number
    }

    func wrong(_ expected: String) -> DomainError {
        let field = path.isEmpty ? "body" : path
        let problem = isMissing ? "is missing" : "must be \(expected)"
        return DomainError(.invalidWebhook, field: field, message: "\(field) \(problem)")
    }
}
