import Foundation

/// A JSON value the fuzzer can take apart and write back. `raw` holds bytes written as they
/// are, so a mutation can put in what no encoder writes: `1e308`, `-0`, lone surrogate
/// escapes, invalid UTF-8, nesting deeper than any parser accepts.
indirect enum FuzzJSON: Sendable {
    /// Keys are kept written out (quoted and escaped), like `raw`.
    case object([(key: [UInt8], value: FuzzJSON)])
    case array([FuzzJSON])
    case raw([UInt8])

    /// A string value, written out once here so that writing a tree only copies bytes.
    static func string(_ text: String) -> FuzzJSON { .raw(written(text)) }

    /// Parses valid JSON; object keys are sorted so the same bytes always give the same tree.
    init(parsing bytes: [UInt8]) throws {
        self = Self(any: try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]))
    }

    private init(any: Any) {
        switch any {
        case let object as [String: Any]:
            self = .object(
                object.keys.sorted().map { (key: Self.written($0), value: FuzzJSON(any: object[$0]!)) })
        case let items as [Any]:
            self = .array(items.map { FuzzJSON(any: $0) })
        case let text as String:
            self = .string(text)
        case let number as NSNumber:
            let isBoolean = number.objCType.pointee == CChar(UInt8(ascii: "c"))
            self = .raw(Array((isBoolean ? (number.boolValue ? "true" : "false") : number.stringValue).utf8))
        default:
            self = .raw(Array("null".utf8))
        }
    }

    var serialized: [UInt8] {
        var bytes: [UInt8] = []
        write(into: &bytes)
        return bytes
    }

    func write(into bytes: inout [UInt8]) {
        switch self {
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes += member.key
                bytes.append(UInt8(ascii: ":"))
                member.value.write(into: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                item.write(into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .raw(let raw):
            bytes += raw
        }
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped.
    static func written(_ text: String) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes += [UInt8(ascii: "\\"), byte]
            case 0..<0x20:
                bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xf)]]
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        return bytes
    }

    var children: [FuzzJSON] {
        switch self {
        case .object(let members): members.map(\.value)
        case .array(let items): items
        case .raw: []
        }
    }

    func value(at path: ArraySlice<Int>) -> FuzzJSON {
        guard let first = path.first else { return self }
        return children[first].value(at: path.dropFirst())
    }

    /// The tree with the node at `path` replaced by `transform(node)`.
    func replacing(at path: ArraySlice<Int>, _ transform: (FuzzJSON) -> FuzzJSON) -> FuzzJSON {
        guard let first = path.first else { return transform(self) }
        switch self {
        case .object(var members):
            members[first].value = members[first].value.replacing(at: path.dropFirst(), transform)
            return .object(members)
        case .array(var items):
            items[first] = items[first].replacing(at: path.dropFirst(), transform)
            return .array(items)
        case .raw:
            return self
        }
    }
}
