import Foundation

/// A read-only view of parsed JSON that remembers where it is, so every "missing" or
/// "wrong type" error names the exact path (`entry[0].changes[1].value.metadata`).
///
/// Every value read here comes from outside: numbers are converted only when they fit
/// exactly (never through a conversion that traps or wraps), and strings come back with
/// U+0000 replaced by U+FFFD, because PostgreSQL text cannot hold NUL and libpq would cut
/// the text there.
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
        case let text as String: return Self.replacingNUL(text)
        case let number as NSNumber where !Self.isBoolean(number): return number.stringValue
        default: return nil
        }
    }

    var optionalBool: Bool? {
        switch value {
        case let number as NSNumber where Self.isBoolean(number): return number.boolValue
        case let number as NSNumber: return number.doubleValue != 0
        case let text as String: return text == "true" ? true : text == "false" ? false : nil
        default: return nil
        }
    }

    /// An integer given as a number, a decimal string or a protobuf "Long"; `nil` when
    /// missing, fractional or outside `Int64`.
    var optionalInt64: Int64? {
        switch value {
        case let number as NSNumber where !Self.isBoolean(number): return Self.exactInt64(number)
        case let text as String: return Int64(text)
        case let object as [String: Any]: return Self.protobufLong(object)
        default: return nil
        }
    }

    /// A finite number; NaN and infinities, which only a string can spell, are refused.
    var optionalDouble: Double? {
        let number: Double? =
            switch value {
            case let number as NSNumber where !Self.isBoolean(number): number.doubleValue
            case let text as String: Double(text)
            default: nil
            }
        return number.flatMap { $0.isFinite ? $0 : nil }
    }

    /// A provider timestamp in seconds since 1970, as milliseconds.
    func milliseconds() throws -> Int64 {
        guard let milliseconds = try optionalMilliseconds() else { throw wrong(ProviderTime.expected) }
        return milliseconds
    }

    /// A provider timestamp in seconds since 1970, as milliseconds; `nil` when missing.
    /// Anything else that is not a whole second in years 1970…9999 is refused.
    func optionalMilliseconds() throws -> Int64? {
        if isMissing { return nil }
        guard let seconds = optionalInt64, let milliseconds = ProviderTime.milliseconds(seconds: seconds)
        else { throw wrong(ProviderTime.expected) }
        return milliseconds
    }

    func wrong(_ expected: String) -> DomainError {
        let field = path.isEmpty ? "body" : path
        let problem = isMissing ? "is missing" : "must be \(expected)"
        return DomainError(.invalidWebhook, field: field, message: "\(field) \(problem)")
    }

    /// JSON `true`/`false` arrive as NSNumbers too; only their type encoding ("c")
    /// tells them from the numbers 0 and 1.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        number.objCType.pointee == CChar(UInt8(ascii: "c"))
    }

    /// `int64Value` wraps and saturates (1e300 → Int64.min, 2^64−1 → −1), so the stored
    /// kind decides: signed integers fit, unsigned ones and doubles must convert exactly.
    private static func exactInt64(_ number: NSNumber) -> Int64? {
        switch UInt8(truncatingIfNeeded: number.objCType.pointee) {
        case UInt8(ascii: "s"), UInt8(ascii: "i"), UInt8(ascii: "l"), UInt8(ascii: "q"):
            return number.int64Value
        case UInt8(ascii: "C"), UInt8(ascii: "S"), UInt8(ascii: "I"), UInt8(ascii: "L"), UInt8(ascii: "Q"):
            return Int64(exactly: number.uint64Value)
        default:
            return Int64(exactly: number.doubleValue)
        }
    }

    /// A protobuf "Long" (`{low, high, unsigned}`, two 32-bit halves) as some Evolution
    /// versions send timestamps; halves that are not 32-bit integers are refused.
    private static func protobufLong(_ object: [String: Any]) -> Int64? {
        func half(_ key: String) -> UInt32? {
            guard let number = object[key] as? NSNumber, !isBoolean(number),
                let whole = exactInt64(number), whole >= Int64(Int32.min), whole <= Int64(UInt32.max)
            else { return nil }
            return UInt32(truncatingIfNeeded: whole)
        }
        guard let low = half("low") else { return nil }
        let high = object["high"] == nil ? 0 : half("high")
        guard let high else { return nil }
        let bits = UInt64(high) << 32 | UInt64(low)
        let isUnsigned = (object["unsigned"] as? NSNumber).map { isBoolean($0) && $0.boolValue } ?? false
        return isUnsigned ? Int64(exactly: bits) : Int64(bitPattern: bits)
    }

    private static func replacingNUL(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(scalar.value == 0 ? "\u{FFFD}" : scalar)
        }
        return String(scalars)
    }
}
