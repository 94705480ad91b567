import Foundation

/// A `Decoder` reading straight from JSON bytes through `JSONScanner`: no Foundation parser,
/// no `Any`, no intermediate tree. It accepts what `JSONEncoder`
/// writes with its default strategies (nil fields omitted or `null`, UUIDs as strings) and
/// ignores unknown keys.
struct FastJSONDecoder: Decoder {
    let scanner: JSONScanner
    let offset: Int
    private let parentPath: [any CodingKey]
    private let key: (any CodingKey)?

    var codingPath: [any CodingKey] { key.map { parentPath + [$0] } ?? parentPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(scanner: JSONScanner, offset: Int, parentPath: [any CodingKey], key: (any CodingKey)?) {
        self.scanner = scanner
        self.offset = offset
        self.parentPath = parentPath
        self.key = key
    }

    /// Decodes a whole document.
    static func decode<T: Decodable>(_: T.Type, from bytes: [UInt8]) throws -> T {
        let scanner = JSONScanner(bytes)
        let root: Int
        do {
            root = try scanner.root()
        } catch let error as JSONSyntaxError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [], debugDescription: error.description))
        }
        return try FastJSONDecoder(scanner: scanner, offset: root, parentPath: [], key: nil).decodeValue(
            T.self)
    }

    /// Decodes the value this decoder points at, taking the shortcuts for leaf types.
    func decodeValue<T: Decodable>(_: T.Type) throws -> T {
        if T.self == UUID.self {
            if let uuid = scanner.plainUUID(offset) { return uuid as! T }
            let text = try wrap { try scanner.string(offset) }
            guard let uuid = UUID(uuidString: text) else {
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(codingPath: codingPath, debugDescription: "invalid UUID \(text)"))
            }
            return uuid as! T
        }
        if T.self == String.self { return try wrap { try scanner.string(offset) } as! T }
        if T.self == Int64.self { return try wrap { try scanner.int64(offset) } as! T }
        if T.self == Int.self { return try integer(Int.self) as! T }
        if T.self == Double.self { return try wrap { try scanner.double(offset) } as! T }
        if T.self == Bool.self { return try wrap { try scanner.bool(offset) } as! T }
        if T.self == Date.self {
            return Date(timeIntervalSinceReferenceDate: try wrap { try scanner.double(offset) }) as! T
        }
        return try T(from: self)
    }

    /// Runs a scanner read, turning its syntax error into a `DecodingError` at this path.
    func wrap<R>(_ read: () throws -> R) throws -> R {
        do {
            return try read()
        } catch let error as JSONSyntaxError {
            if scanner.isNull(offset) {
                throw DecodingError.valueNotFound(
                    R.self, DecodingError.Context(codingPath: codingPath, debugDescription: "null value"))
            }
            throw DecodingError.typeMismatch(
                R.self, DecodingError.Context(codingPath: codingPath, debugDescription: error.description))
        }
    }

    func integer<I: FixedWidthInteger>(_: I.Type) throws -> I {
        let value: I?
        if I.isSigned {
            value = I(exactly: try wrap { try scanner.int64(offset) })
        } else {
            value = I(exactly: try wrap { try scanner.uint64(offset) })
        }
        guard let value else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: codingPath, debugDescription: "number does not fit \(I.self)"))
        }
        return value
    }

    func floating<F: BinaryFloatingPoint>(_: F.Type) throws -> F {
        F(try wrap { try scanner.double(offset) })
    }

    func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let path = codingPath
        var end = 0
        let entries = try wrap { try scanner.entries(offset, end: &end) }
        return KeyedDecodingContainer(
            FastJSONKeyedDecoding<Key>(scanner: scanner, entries: entries, codingPath: path))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        var end = 0
        let elements = try wrap { try scanner.elements(offset, end: &end) }
        return FastJSONUnkeyedDecoding(scanner: scanner, elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        FastJSONSingleValueDecoding(decoder: self)
    }
}
