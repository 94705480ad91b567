import Foundation

/// The one reader of JSON that comes from outside (webhook bodies, provider answers): a
/// read-only view read straight from the bytes (`JSONScanner`: no tree, no `Any`) that can say
/// where it is, so every "missing" or "wrong type" error names the exact path
/// (`entry[0].changes[1].value.metadata`). The path is worked out only for an error. Its errors
/// are `DomainError(.invalidWebhook)`: readers of other JSON take what they need with the
/// optional accessors.
///
/// Every value read here comes from outside: numbers are converted only when they fit
/// exactly (never through a conversion that traps or wraps), and strings come back with
/// U+0000 replaced by U+FFFD, because PostgreSQL text cannot hold NUL and libpq would cut
/// the text there; an escaped unpaired UTF-16 surrogate, which JSON allows, also reads as
/// U+FFFD.
public struct JSONNode: Sendable {
    private let document: Document
    /// Where the value starts; nil when it is missing.
    private let offset: Int?
    /// For a missing value: the nearest container that exists, and the keys looked up from it.
    private let parent: Int?
    private let missingKeys: [String]
    /// An object's members, read once when the node is made (its lookups then skip nothing).
    private let entries: [JSONScanner.Entry]

    /// The body's bytes and its top-level value, shared by every node.
    private final class Document: Sendable {
        let scanner: JSONScanner
        let root: Int

        init(_ bytes: [UInt8]) throws {
            scanner = JSONScanner(bytes)
            root = try scanner.root()
        }
    }

    public static func parse(_ body: [UInt8]) throws -> JSONNode {
        // The scanner checks the UTF-8 of the strings it reads; JSON text must be UTF-8 as a
        // whole, so a body with invalid bytes anywhere is refused here, like malformed syntax.
        guard String(validating: body, as: UTF8.self) != nil, let document = try? Document(body) else {
            throw DomainError(.invalidWebhook, field: "body", message: "the body is not valid JSON")
        }
        return JSONNode(document: document, offset: document.root)
    }

    private init(document: Document, offset: Int?, parent: Int? = nil, missingKeys: [String] = []) {
        self.document = document
        self.offset = offset
        self.parent = parent
        self.missingKeys = missingKeys
        self.entries = offset.map { document.scanner.checkedEntries($0) } ?? []
    }

    private var scanner: JSONScanner { document.scanner }

    /// The value of member `key` (the last one when a key repeats, as JavaScript reads it).
    public subscript(key: String) -> JSONNode {
        var found: Int?
        for entry in entries.reversed() where scanner.key(entry, equals: key) {
            found = entry.value
            break
        }
        if let found { return JSONNode(document: document, offset: found) }
        return JSONNode(
            document: document, offset: nil, parent: offset ?? parent,
            missingKeys: offset == nil ? missingKeys + [key] : [key])
    }

    public var isMissing: Bool {
        guard let offset else { return true }
        return scanner.isNull(offset)
    }

    public var isObject: Bool { offset.map { scanner.byte(at: $0) == UInt8(ascii: "{") } ?? false }

    private var isArray: Bool { offset.map { scanner.byte(at: $0) == UInt8(ascii: "[") } ?? false }

    private var isString: Bool { offset.map { scanner.byte(at: $0) == UInt8(ascii: "\"") } ?? false }

    private var isBoolean: Bool {
        offset.map { scanner.byte(at: $0) == UInt8(ascii: "t") || scanner.byte(at: $0) == UInt8(ascii: "f") }
            ?? false
    }

    private var isNumber: Bool {
        guard let offset, let first = scanner.byte(at: offset) else { return false }
        return first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
    }

    public func object() throws -> JSONNode {
        guard isObject else { throw wrong("an object") }
        return self
    }

    public func array() throws -> [JSONNode] {
        guard let offset, isArray else { throw wrong("an array") }
        return scanner.checkedElements(offset).map { JSONNode(document: document, offset: $0) }
    }

    /// The items of an optional array (missing → empty).
    public func optionalArray() throws -> [JSONNode] {
        isMissing ? [] : try array()
    }

    public func string() throws -> String {
        guard let text = optionalString else { throw wrong("a string") }
        return text
    }

    /// A string, or a number written as text; `nil` when missing.
    public var optionalString: String? {
        guard let offset else { return nil }
        if isString { return (try? scanner.lenientString(offset)).map(Self.replacingNUL) }
        guard isNumber, let text = numberText else { return nil }
        if let whole = Int64(text) { return String(whole) }
        guard let number = Double(text), number.isFinite else { return nil }
        if let whole = Int64(exactly: number) { return String(whole) }
        return String(number)
    }

    public var optionalBool: Bool? {
        guard let offset else { return nil }
        if isBoolean { return try? scanner.bool(offset) }
        if isNumber { return optionalDouble.map { $0 != 0 } }
        guard let text = optionalString else { return nil }
        return text == "true" ? true : text == "false" ? false : nil
    }

    /// An integer given as a number, a decimal string or a protobuf "Long"; `nil` when
    /// missing, fractional or outside `Int64`.
    public var optionalInt64: Int64? {
        guard let offset else { return nil }
        if isNumber { return try? scanner.int64(offset) }
        if isString { return optionalString.flatMap { Int64($0) } }
        if isObject { return protobufLong }
        return nil
    }

    /// A finite number; NaN and infinities, which only a string can spell, are refused.
    public var optionalDouble: Double? {
        guard let offset else { return nil }
        let number: Double? =
            isNumber ? try? scanner.double(offset) : isString ? optionalString.flatMap { Double($0) } : nil
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

    /// The raw text of the number here.
    private var numberText: String? {
        guard let offset else { return nil }
        let end = scanner.endOfCheckedValue(offset)
        return String(decoding: scanner.bytes[offset..<end], as: UTF8.self)
    }

    /// A protobuf "Long" (`{low, high, unsigned}`, two 32-bit halves) as some Evolution
    /// versions send timestamps; halves that are not 32-bit integers are refused.
    private var protobufLong: Int64? {
        func half(_ key: String) -> UInt32? {
            let node = self[key]
            guard node.isNumber, let whole = node.optionalInt64, whole >= Int64(Int32.min),
                whole <= Int64(UInt32.max)
            else { return nil }
            return UInt32(truncatingIfNeeded: whole)
        }
        guard let low = half("low") else { return nil }
        let high = self["high"].offset == nil ? 0 : half("high")
        guard let high else { return nil }
        let bits = UInt64(high) << 32 | UInt64(low)
        let unsigned = self["unsigned"]
        let isUnsigned = unsigned.isBoolean && unsigned.optionalBool == true
        return isUnsigned ? Int64(exactly: bits) : Int64(bitPattern: bits)
    }

    /// Where this node is, as `entry[0].changes[1].value`: found by walking down from the top
    /// to the containers that hold its offset (only ever needed for an error).
    public var path: String {
        guard let target = offset ?? parent else { return "" }
        var path = ""
        var current = document.root
        while current != target {
            var next: (offset: Int, step: String)?
            if scanner.byte(at: current) == UInt8(ascii: "{") {
                for entry in scanner.checkedEntries(current)
                where entry.value <= target && target < scanner.endOfCheckedValue(entry.value) {
                    next = (entry.value, (try? scanner.keyString(entry)) ?? "?")
                    break
                }
            } else {
                for (index, element) in scanner.checkedElements(current).enumerated()
                where element <= target && target < scanner.endOfCheckedValue(element) {
                    next = (element, "[\(index)]")
                    break
                }
            }
            guard let next else { break }
            path += next.step.hasPrefix("[") || path.isEmpty ? next.step : "." + next.step
            current = next.offset
        }
        for key in missingKeys { path += path.isEmpty ? key : "." + key }
        return path
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
