import Foundation

/// Reads JSON straight from UTF-8 bytes without building a tree: callers ask for the value
/// at an offset (a string, a number, the entries of an object) and get where it ends. Every
/// skipped value is still checked, so malformed input anywhere throws instead of passing.
struct JSONScanner: Sendable {
    /// One member of an object: the raw key bytes (between the quotes) and the value's offset.
    struct Entry: Sendable {
        var keyStart: Int
        var keyEnd: Int
        var keyEscaped: Bool
        var value: Int
    }

    /// Deep enough for any event; deeper input is refused rather than risking the stack.
    static let maximumDepth = 256

    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Checks the whole document once and returns the offset of its top-level value.
    func root() throws -> Int {
        let start = skipWhitespace(0)
        let end = try skipValue(start, depth: 0)
        guard skipWhitespace(end) == bytes.count else { throw error(end, "unexpected data after the value") }
        return start
    }

    func error(_ offset: Int, _ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset, reason: reason)
    }

    func skipWhitespace(_ offset: Int) -> Int {
        var index = offset
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return index
            }
        }
        return index
    }

    func byte(at offset: Int) -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    func isNull(_ offset: Int) -> Bool {
        byte(at: offset) == UInt8(ascii: "n")
    }

    /// Returns the end of the value starting at `offset`, checking its syntax.
    func skipValue(_ offset: Int, depth: Int) throws -> Int {
        guard depth < Self.maximumDepth else { throw error(offset, "nesting too deep") }
        guard let first = byte(at: offset) else { throw error(offset, "unexpected end of input") }
        switch first {
        case UInt8(ascii: "\""): return try stringEnd(offset).end
        case UInt8(ascii: "{"):
            var end = 0
            try visitEntries(offset, depth: depth, end: &end) { _ in }
            return end
        case UInt8(ascii: "["):
            var end = 0
            try visitElements(offset, depth: depth, end: &end) { _ in }
            return end
        case UInt8(ascii: "t"): return try literal(offset, "true")
        case UInt8(ascii: "f"): return try literal(offset, "false")
        case UInt8(ascii: "n"): return try literal(offset, "null")
        default: return try numberEnd(offset).end
        }
    }

    private func literal(_ offset: Int, _ word: StaticString) throws -> Int {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count else { throw error(offset, "unexpected end of input") }
        let matches = word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[offset + $0] == expected[$0] }
        }
        guard matches else { throw error(offset, "invalid literal") }
        return offset + count
    }

    /// The members of the object at `offset`, in document order.
    func entries(_ offset: Int, depth: Int = 0, end: inout Int) throws -> [Entry] {
        var result: [Entry] = []
        try visitEntries(offset, depth: depth, end: &end) { result.append($0) }
        return result
    }

    /// Checks the object at `offset` and hands each of its members to `visit`, in document
    /// order, without collecting them.
    func visitEntries(_ offset: Int, depth: Int, end: inout Int, _ visit: (Entry) throws -> Void) throws {
        guard byte(at: offset) == UInt8(ascii: "{") else { throw error(offset, "expected an object") }
        var index = skipWhitespace(offset + 1)
        if byte(at: index) == UInt8(ascii: "}") {
            end = index + 1
            return
        }
        while true {
            guard byte(at: index) == UInt8(ascii: "\"") else { throw error(index, "expected a key") }
            let key = try stringEnd(index)
            index = skipWhitespace(key.end)
            guard byte(at: index) == UInt8(ascii: ":") else { throw error(index, "expected ':'") }
            let value = skipWhitespace(index + 1)
            index = skipWhitespace(try skipValue(value, depth: depth + 1))
            try visit(Entry(keyStart: key.start, keyEnd: key.end - 1, keyEscaped: key.escaped, value: value))
            switch byte(at: index) {
            case UInt8(ascii: ","): index = skipWhitespace(index + 1)
            case UInt8(ascii: "}"):
                end = index + 1
                return
            default: throw error(index, "expected ',' or '}'")
            }
        }
    }

    // MARK: a document `root()` has checked

    /// The end of the value at `offset` in a document `root()` has checked: containers are
    /// crossed by matching brackets outside strings, without checking their syntax again (the
    /// webhook reader makes a node per container it visits; checking each again would cost the
    /// document's size once per level of nesting).
    func endOfCheckedValue(_ offset: Int) -> Int {
        guard let first = byte(at: offset) else { return offset }
        switch first {
        case UInt8(ascii: "{"), UInt8(ascii: "["): break
        case UInt8(ascii: "\""): return (try? stringEnd(offset).end) ?? bytes.count
        default: return (try? skipValue(offset, depth: 0)) ?? bytes.count
        }
        var depth = 0
        var index = offset
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index = (try? stringEnd(index).end) ?? bytes.count
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index + 1 }
            default: break
            }
            index += 1
        }
        return index
    }

    /// The members of the object at `offset` in a document `root()` has checked.
    func checkedEntries(_ offset: Int) -> [Entry] {
        guard byte(at: offset) == UInt8(ascii: "{") else { return [] }
        var result: [Entry] = []
        var index = skipWhitespace(offset + 1)
        while byte(at: index) == UInt8(ascii: "\""), let key = try? stringEnd(index) {
            let value = skipWhitespace(skipWhitespace(key.end) + 1)
            result.append(
                Entry(keyStart: key.start, keyEnd: key.end - 1, keyEscaped: key.escaped, value: value))
            index = skipWhitespace(endOfCheckedValue(value))
            guard byte(at: index) == UInt8(ascii: ",") else { break }
            index = skipWhitespace(index + 1)
        }
        return result
    }

    /// The offsets of the elements of the array at `offset` in a document `root()` has checked.
    func checkedElements(_ offset: Int) -> [Int] {
        guard byte(at: offset) == UInt8(ascii: "[") else { return [] }
        var result: [Int] = []
        var index = skipWhitespace(offset + 1)
        while let next = byte(at: index), next != UInt8(ascii: "]") {
            result.append(index)
            index = skipWhitespace(endOfCheckedValue(index))
            guard byte(at: index) == UInt8(ascii: ",") else { break }
            index = skipWhitespace(index + 1)
        }
        return result
    }

    /// The offsets of the elements of the array at `offset`.
    func elements(_ offset: Int, depth: Int = 0, end: inout Int) throws -> [Int] {
        var result: [Int] = []
        try visitElements(offset, depth: depth, end: &end) { result.append($0) }
        return result
    }

    /// Checks the array at `offset` and hands the offset of each element to `visit`.
    func visitElements(_ offset: Int, depth: Int, end: inout Int, _ visit: (Int) throws -> Void) throws {
        guard byte(at: offset) == UInt8(ascii: "[") else { throw error(offset, "expected an array") }
        var index = skipWhitespace(offset + 1)
        if byte(at: index) == UInt8(ascii: "]") {
            end = index + 1
            return
        }
        while true {
            try visit(index)
            index = skipWhitespace(try skipValue(index, depth: depth + 1))
            switch byte(at: index) {
            case UInt8(ascii: ","): index = skipWhitespace(index + 1)
            case UInt8(ascii: "]"):
                end = index + 1
                return
            default: throw error(index, "expected ',' or ']'")
            }
        }
    }

    /// The string's content start, the offset after its closing quote, and whether it has escapes.
    func stringEnd(_ offset: Int) throws -> (start: Int, end: Int, escaped: Bool) {
        let found = bytes.withUnsafeBufferPointer { buffer -> (end: Int, escaped: Bool, control: Int?) in
            var index = offset + 1
            var escaped = false
            while index < buffer.count {
                // Most bytes need no look: skip eight at a time while none of them is special.
                if index + 8 <= buffer.count,
                    !Self.mayEndOrEscape(
                        UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self))
                {
                    index += 8
                    continue
                }
                let byte = buffer[index]
                if byte == UInt8(ascii: "\"") { return (index + 1, escaped, nil) }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    index += 2
                    continue
                }
                guard byte >= 0x20 else { return (index, escaped, index) }
                index += 1
            }
            return (-1, escaped, nil)
        }
        if let control = found.control { throw error(control, "control character in a string") }
        guard found.end >= 0 else { throw error(offset, "unterminated string") }
        return (offset + 1, found.end, found.escaped)
    }

    /// Whether any of the eight bytes of `word` is a quote, a backslash or a control character
    /// (exact: the borrow of a subtraction can only spread upwards from a byte that matches).
    private static func mayEndOrEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let quoteZero = (quote &- ones) & ~quote
        let backslashZero = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (quoteZero | backslashZero | control) & high != 0
    }

    /// Whether the key bytes of `entry` spell `key` (keys with escapes are decoded first).
    func key(_ entry: Entry, equals key: String) -> Bool {
        if entry.keyEscaped { return (try? unescape(entry.keyStart, entry.keyEnd)) == key }
        var key = key
        return key.withUTF8 { expected in
            guard expected.count == entry.keyEnd - entry.keyStart else { return false }
            var index = 0
            while index < expected.count {
                if expected[index] != bytes[entry.keyStart + index] { return false }
                index += 1
            }
            return true
        }
    }

    func keyString(_ entry: Entry) throws -> String {
        if entry.keyEscaped { return try unescape(entry.keyStart, entry.keyEnd) }
        return try validated(entry.keyStart, entry.keyEnd)
    }

    /// The UUID at `offset` when it is written plainly (36 characters between quotes, no
    /// escapes); nil otherwise, for the caller's slower path.
    func plainUUID(_ offset: Int) -> UUID? {
        guard byte(at: offset) == UInt8(ascii: "\""), byte(at: offset + 37) == UInt8(ascii: "\"") else {
            return nil
        }
        return UUIDText.parse(bytes, at: offset + 1)
    }

    /// The string at `offset`.
    func string(_ offset: Int) throws -> String {
        guard byte(at: offset) == UInt8(ascii: "\"") else { throw error(offset, "expected a string") }
        let found = try stringEnd(offset)
        if found.escaped { return try unescape(found.start, found.end - 1) }
        return try validated(found.start, found.end - 1)
    }

    private func validated(_ start: Int, _ end: Int) throws -> String {
        let ascii = bytes.withUnsafeBufferPointer { buffer in
            var index = start
            while index + 8 <= end {
                let word = UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { return false }
                index += 8
            }
            while index < end {
                if buffer[index] >= 0x80 { return false }
                index += 1
            }
            return true
        }
        if ascii {
            return bytes.withUnsafeBufferPointer { buffer in
                String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
            }
        }
        guard let text = String(validating: bytes[start..<end], as: UTF8.self) else {
            throw error(start, "invalid UTF-8")
        }
        return text
    }

    /// The string at `offset`, with a `\u` escape of an unpaired UTF-16 surrogate (which JSON's
    /// grammar allows but Unicode text cannot hold) read as U+FFFD instead of refused.
    func lenientString(_ offset: Int) throws -> String {
        guard byte(at: offset) == UInt8(ascii: "\"") else { throw error(offset, "expected a string") }
        let found = try stringEnd(offset)
        if found.escaped { return try unescape(found.start, found.end - 1, unpairedSurrogates: .replace) }
        return try validated(found.start, found.end - 1)
    }

    /// What `unescape` does with an escaped unpaired surrogate.
    private enum UnpairedSurrogates { case refuse, replace }

    private func unescape(_ start: Int, _ end: Int, unpairedSurrogates: UnpairedSurrogates = .refuse) throws
        -> String
    {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var index = start
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                index += 1
                continue
            }
            guard index + 1 < end else { throw error(index, "invalid escape") }
            let code = bytes[index + 1]
            index += 2
            switch code {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(code)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(index, end)
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    let low: UInt32? =
                        index + 6 <= end && bytes[index] == UInt8(ascii: "\\")
                            && bytes[index + 1] == UInt8(ascii: "u")
                        ? try hex4(index + 2, end) : nil
                    if let low, (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    } else if unpairedSurrogates == .replace {
                        scalar = 0xFFFD
                    } else {
                        throw error(index, "unpaired surrogate")
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    guard unpairedSurrogates == .replace else { throw error(index, "unpaired surrogate") }
                    scalar = 0xFFFD
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw error(index, "invalid code point") }
                out.append(contentsOf: UTF8.encode(unicode)!)
            default: throw error(index - 1, "invalid escape")
            }
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw error(start, "invalid UTF-8") }
        return text
    }

    private func hex4(_ offset: Int, _ end: Int) throws -> UInt32 {
        guard offset + 4 <= end else { throw error(offset, "invalid \\u escape") }
        var value: UInt32 = 0
        for index in offset..<(offset + 4) {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(index, "invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// The end of the number at `offset` and whether it is a plain integer.
    private func numberEnd(_ offset: Int) throws -> (end: Int, integer: Bool) {
        var index = offset
        if byte(at: index) == UInt8(ascii: "-") { index += 1 }
        guard let first = byte(at: index), isDigit(first) else { throw error(offset, "invalid value") }
        index += 1
        if first != UInt8(ascii: "0") {
            while let next = byte(at: index), isDigit(next) { index += 1 }
        }
        var integer = true
        if byte(at: index) == UInt8(ascii: ".") {
            integer = false
            index += 1
            guard let next = byte(at: index), isDigit(next) else { throw error(index, "invalid number") }
            while let next = byte(at: index), isDigit(next) { index += 1 }
        }
        if let next = byte(at: index), next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            integer = false
            index += 1
            if let sign = byte(at: index), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                index += 1
            }
            guard let digit = byte(at: index), isDigit(digit) else { throw error(index, "invalid number") }
            while let next = byte(at: index), isDigit(next) { index += 1 }
        }
        return (index, integer)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// The integer at `offset`, exactly; a fraction or exponent is accepted only when the
    /// value is a whole number that fits.
    func int64(_ offset: Int) throws -> Int64 {
        let number = try numberEnd(offset)
        guard number.integer else {
            guard let value = Int64(exactly: try double(offset)) else {
                throw error(offset, "number is not an integer that fits")
            }
            return value
        }
        var index = offset
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var value: Int64 = 0
        while index < number.end {
            let digit = Int64(bytes[index] - UInt8(ascii: "0"))
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) =
                negative
                ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflowA && !overflowB else { throw error(offset, "integer out of range") }
            value = next
            index += 1
        }
        return value
    }

    /// The unsigned integer at `offset`, exactly.
    func uint64(_ offset: Int) throws -> UInt64 {
        let number = try numberEnd(offset)
        guard number.integer, bytes[offset] != UInt8(ascii: "-") else {
            guard let value = UInt64(exactly: try double(offset)) else {
                throw error(offset, "number is not an unsigned integer that fits")
            }
            return value
        }
        var value: UInt64 = 0
        for index in offset..<number.end {
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
            guard !overflowA && !overflowB else { throw error(offset, "integer out of range") }
            value = next
        }
        return value
    }

    /// The number at `offset` as a Double (correctly rounded by the standard library).
    func double(_ offset: Int) throws -> Double {
        let number = try numberEnd(offset)
        if number.integer && number.end - offset <= 15 { return Double(try int64(offset)) }
        guard let value = Double(String(decoding: bytes[offset..<number.end], as: UTF8.self)) else {
            throw error(offset, "invalid number")
        }
        return value
    }

    func bool(_ offset: Int) throws -> Bool {
        switch byte(at: offset) {
        case UInt8(ascii: "t"):
            _ = try literal(offset, "true")
            return true
        case UInt8(ascii: "f"):
            _ = try literal(offset, "false")
            return false
        default: throw error(offset, "expected a boolean")
        }
    }
}
