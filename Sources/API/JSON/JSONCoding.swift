import Foundation
import Projections

/// JSON encoding and strict decoding with the API's conventions.
public enum JSONCoding {
    /// Encodes with dates as ISO-8601 UTC milliseconds and sorted keys (stable output).
    public static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return Array(try encoder.encode(value))
    }

    /// Decodes a request body; every failure is a 400 `ERR_VALIDATION` naming the field
    /// (`body` for malformed JSON or invalid UTF-8), and so is U+0000 in any string of the
    /// body, member names included (see `pathOfNUL(in:)`).
    public static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        if bytes.isEmpty {
            throw APIError.validation(field: "body", "A JSON body is required")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw APIError.validation(field: "body", "The body is not valid UTF-8")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let milliseconds = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected an ISO-8601 timestamp")
            }
            return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        }
        let value: Value
        do {
            value = try decoder.decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw validationError(error)
        }
        if let field = pathOfNUL(in: bytes) {
            throw APIError.validation(field: field, "\(field) must not contain the NUL character (U+0000)")
        }
        return value
    }

    /// Turns a `DecodingError` into a 400 naming the offending field path (`buttons[1].title`).
    static func validationError(_ error: DecodingError) -> APIError {
        switch error {
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return APIError.validation(field: field, "\(field) must be \(describe(type))")
        case .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            return APIError.validation(field: field, "\(field) must be \(describe(type)), not null")
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return APIError.validation(field: field, "\(field) is required")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return APIError.validation(field: "body", "The body is not valid JSON")
            }
            let field = path(context.codingPath)
            return APIError.validation(field: field, "\(field) has an invalid value")
        @unknown default:
            return APIError.validation(field: "body", "The body could not be decoded")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        var result = ""
        for key in keys {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return result.isEmpty ? "body" : result
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt64.Type, is UInt32.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "of type \(name)"
        }
    }
}
