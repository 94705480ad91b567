import Foundation
import Projections

extension JSONCoding {
    /// The field path of the first string in a JSON body that holds U+0000, as a member name
    /// or as a value; nil when there is none.
    ///
    /// Postgres `text` cannot hold U+0000 (a message text was cut there), so command bodies
    /// are refused with it where they are all decoded, not field by field. JSON can only
    /// carry it as the escape `\u0000` (a raw NUL byte is not JSON), so a body without that
    /// byte sequence is passed at the cost of one scan; one with it (`\\u0000`, escaped
    /// backslash text, included) is parsed as a tree to find the decoded strings that hold it.
    static func pathOfNUL(in bytes: [UInt8]) -> String? {
        guard mayEscapeNUL(bytes),
            let tree = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        else { return nil }
        return pathOfNUL(in: tree, at: [])
    }

    private static func pathOfNUL(in value: JSONValue, at keys: [PathKey]) -> String? {
        switch value {
        case .string(let text):
            return text.unicodeScalars.contains("\0") ? path(keys) : nil
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = pathOfNUL(in: item, at: keys + [PathKey(index: index)]) { return found }
            }
            return nil
        case .object(let members):
            for name in members.keys.sorted() {
                let key = PathKey(name: name)
                if name.unicodeScalars.contains("\0") {
                    // Shown escaped, as the client wrote it, so the error body stays readable.
                    return path(keys + [PathKey(name: name.replacingOccurrences(of: "\0", with: "\\u0000"))])
                }
                if let found = pathOfNUL(in: members[name]!, at: keys + [key]) { return found }
            }
            return nil
        case .null, .bool, .number:
            return nil
        }
    }

    /// Whether `bytes` hold `\u0000` anywhere.
    private static func mayEscapeNUL(_ bytes: [UInt8]) -> Bool {
        let escape = Array(#"\u0000"#.utf8)
        guard bytes.count >= escape.count else { return false }
        var index = 0
        while let slash = bytes[index...].firstIndex(of: escape[0]) {
            if bytes[slash...].starts(with: escape) { return true }
            index = slash + 1
        }
        return false
    }
}

/// One step of a field path (`buttons[1].title`), named as `JSONCoding.path` names them.
private struct PathKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(name: String) {
        stringValue = name
        intValue = nil
    }

    init(index: Int) {
        stringValue = String(index)
        intValue = index
    }

    init?(stringValue: String) { self.init(name: stringValue) }
    init?(intValue: Int) { self.init(index: intValue) }
}
