import Foundation

/// The members of one JSON object that a `JSONFieldDecodable` type asked for, found in a single
/// pass that checks the object exactly as `JSONScanner` does for the `Codable` path. Each read
/// follows the rules of `FastJSONDecoder` (the last duplicate wins, absent and `null` are both
/// `nil` for an optional) and throws whenever that path might decide otherwise (`Unsure`, or the
/// scanner's own error), so callers fall back to it.
struct JSONFields {
    /// The bytes are not in the plain shape this reader handles; decode them with `Codable`.
    struct Unsure: Error {}

    let scanner: JSONScanner
    /// Offset of each asked member's value, or -1 when the object lacks it.
    private let slots: UnsafeMutableBufferPointer<Int>
    /// How many members matched an asked name, duplicates included.
    let matched: Int

    /// Decodes the whole document `bytes` as a `T`, or nil when `Codable` must decide.
    static func decode<T: JSONFieldDecodable>(_: T.Type, from bytes: [UInt8]) -> T? {
        let scanner = JSONScanner(bytes)
        let start = scanner.skipWhitespace(0)
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: T.jsonKeys.count) { slots in
            guard let end = scan(scanner, object: start, depth: 0, into: slots, keys: T.jsonKeys),
                scanner.skipWhitespace(end.offset) == bytes.count
            else { return nil }
            return try? T(fields: JSONFields(scanner: scanner, slots: slots, matched: end.matched))
        }
    }

    /// Decodes the object at member `index` as a `T` with its own hand-written decoder.
    func object<T: JSONFieldDecodable>(_ index: Int, as _: T.Type) throws -> T {
        let offset = try present(index)
        return try withUnsafeTemporaryAllocation(of: Int.self, capacity: T.jsonKeys.count) { slots in
            guard let end = Self.scan(scanner, object: offset, depth: 1, into: slots, keys: T.jsonKeys) else {
                throw Unsure()
            }
            return try T(fields: JSONFields(scanner: scanner, slots: slots, matched: end.matched))
        }
    }

    /// Walks the object at `offset` with the checks of `JSONScanner.visitEntries`, noting where
    /// each asked member's value starts. Nil when the bytes are not a valid object or a key has
    /// escapes.
    private static func scan(
        _ scanner: JSONScanner, object offset: Int, depth: Int, into slots: UnsafeMutableBufferPointer<Int>,
        keys: [StaticString]
    ) -> (offset: Int, matched: Int)? {
        slots.initialize(repeating: -1)
        guard scanner.byte(at: offset) == UInt8(ascii: "{") else { return nil }
        var index = scanner.skipWhitespace(offset + 1)
        if scanner.byte(at: index) == UInt8(ascii: "}") { return (index + 1, 0) }
        var matched = 0
        var guess = 0
        return scanner.bytes.withUnsafeBufferPointer { bytes in
            do {
                while true {
                    guard scanner.byte(at: index) == UInt8(ascii: "\"") else { return nil }
                    // Members come in the order the encoder sorted them, so try the next name first;
                    // a name spelled in place needs no scan (it has no quote, backslash or control).
                    var slot = -1
                    var keyEnd = 0
                    for step in 0..<keys.count {
                        let candidate = (guess + step) % keys.count
                        if let end = spelled(bytes, at: index + 1, keys[candidate]) {
                            slot = candidate
                            keyEnd = end
                            break
                        }
                    }
                    if slot < 0 {
                        let key = try scanner.stringEnd(index)
                        guard !key.escaped else { return nil }
                        keyEnd = key.end
                    }
                    index = scanner.skipWhitespace(keyEnd)
                    guard scanner.byte(at: index) == UInt8(ascii: ":") else { return nil }
                    let value = scanner.skipWhitespace(index + 1)
                    index = scanner.skipWhitespace(try scanner.skipValue(value, depth: depth + 1))
                    if slot >= 0 {
                        slots[slot] = value
                        matched += 1
                        guess = slot + 1
                    }
                    switch scanner.byte(at: index) {
                    case UInt8(ascii: ","): index = scanner.skipWhitespace(index + 1)
                    case UInt8(ascii: "}"): return (index + 1, matched)
                    default: return nil
                    }
                }
            } catch {
                return nil
            }
        }
    }

    /// The offset after the closing quote when the bytes at `start` are `key` and a quote.
    private static func spelled(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ key: StaticString)
        -> Int?
    {
        let count = key.utf8CodeUnitCount
        guard start + count < bytes.count, bytes[start + count] == UInt8(ascii: "\"") else { return nil }
        let name = key.utf8Start
        var index = 0
        while index < count {
            if bytes[start + index] != name[index] { return nil }
            index += 1
        }
        return start + count + 1
    }

    /// The offset of member `index`'s value; a missing member is for `Codable` to report.
    private func present(_ index: Int) throws -> Int {
        let offset = slots[index]
        guard offset >= 0 else { throw Unsure() }
        return offset
    }

    /// Whether member `index` is absent or `null`, which an optional reads as `nil`.
    func isAbsent(_ index: Int) -> Bool {
        let offset = slots[index]
        return offset < 0 || scanner.isNull(offset)
    }

    func uuid(_ index: Int) throws -> UUID {
        guard let uuid = scanner.plainUUID(try present(index)) else { throw Unsure() }
        return uuid
    }

    func string(_ index: Int) throws -> String {
        try scanner.string(try present(index))
    }

    func int64(_ index: Int) throws -> Int64 {
        try scanner.int64(try present(index))
    }

    func int(_ index: Int) throws -> Int {
        guard let value = Int(exactly: try int64(index)) else { throw Unsure() }
        return value
    }

    /// A `String`-backed enum, read as its synthesized `Decodable` reads it.
    func raw<T: RawRepresentable>(_ index: Int, as _: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string(index)) else { throw Unsure() }
        return value
    }

    /// Any other value, through `FastJSONDecoder` exactly as the `Codable` path reads it.
    func value<T: Decodable>(_ index: Int, as _: T.Type) throws -> T {
        try FastJSONDecoder(scanner: scanner, offset: try present(index), parentPath: [], key: nil)
            .decodeValue(T.self)
    }

    func optionalUUID(_ index: Int) throws -> UUID? { isAbsent(index) ? nil : try uuid(index) }
    func optionalString(_ index: Int) throws -> String? { isAbsent(index) ? nil : try string(index) }
    func optionalValue<T: Decodable>(_ index: Int, as type: T.Type) throws -> T? {
        isAbsent(index) ? nil : try value(index, as: type)
    }
}
