import Foundation

/// An `Encoder` building a small `EncodedJSONNode` tree, written out as compact JSON with sorted
/// keys: the same bytes `JSONEncoder` gives with `[.sortedKeys, .withoutEscapingSlashes]`
/// and default strategies (nil optionals omitted, UUIDs as strings, doubles in their
/// shortest form without a trailing `.0`).
final class FastJSONEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// What the value encoded into this encoder; `nil` until a container is asked for.
    var node: EncodedJSONNode? {
        didSet { if let node, let sink { sink(node) } }
    }
    /// Where a super encoder puts its value in its parent, as soon as there is one.
    private let sink: ((EncodedJSONNode) -> Void)?

    init(codingPath: [any CodingKey], sink: ((EncodedJSONNode) -> Void)? = nil) {
        self.codingPath = codingPath
        self.sink = sink
    }

    /// Encodes a whole document.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let root = try node(for: value, codingPath: [])
        var out: [UInt8] = []
        out.reserveCapacity(256)
        root.write(into: &out)
        return out
    }

    /// The node for `value`, taking the shortcuts for leaf types.
    static func node<T: Encodable>(for value: T, codingPath: [any CodingKey]) throws -> EncodedJSONNode {
        switch value {
        case let text as String: return .string(text)
        case let uuid as UUID: return .string(UUIDText.string(uuid))
        case let number as Int64: return .number(String(number))
        case let number as Int: return .number(String(number))
        case let flag as Bool: return .bool(flag)
        case let number as Double: return try double(number, codingPath: codingPath)
        case let date as Date: return try double(date.timeIntervalSinceReferenceDate, codingPath: codingPath)
        default:
            let encoder = FastJSONEncoder(codingPath: codingPath)
            try value.encode(to: encoder)
            return encoder.node ?? .object(EncodedJSONObject())
        }
    }

    static func double(_ value: Double, codingPath: [any CodingKey]) throws -> EncodedJSONNode {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: codingPath, debugDescription: "non-finite number"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }

    static func float(_ value: Float, codingPath: [any CodingKey]) throws -> EncodedJSONNode {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: codingPath, debugDescription: "non-finite number"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }

    func container<Key: CodingKey>(keyedBy _: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: EncodedJSONObject
        if case .object(let existing) = node {
            box = existing
        } else {
            box = EncodedJSONObject()
            node = .object(box)
        }
        return KeyedEncodingContainer(FastJSONKeyedEncoding<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: EncodedJSONArray
        if case .array(let existing) = node {
            box = existing
        } else {
            box = EncodedJSONArray()
            node = .array(box)
        }
        return FastJSONUnkeyedEncoding(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        FastJSONSingleValueEncoding(encoder: self)
    }
}
