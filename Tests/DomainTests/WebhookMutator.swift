/// Turns one well-formed webhook body into a hostile one: values swapped for extremes at
/// random paths, keys renamed, items removed or duplicated, subtrees spliced, then bytes
/// flipped, inserted, deleted or the body truncated at every kind of position.
struct WebhookMutator {
    var random: SplitMix64

    mutating func mutate(_ seed: FuzzJSON) -> [UInt8] {
        var tree = seed
        let treeMutations = int(0...3)
        for _ in 0..<treeMutations { tree = mutateTree(tree) }
        var bytes = tree.serialized
        // Duplications and splices compound; past this size a body mostly measures hashing.
        if bytes.count > Self.largestBody { bytes.removeSubrange(Self.largestBody...) }
        let byteMutations = treeMutations == 0 ? int(1...3) : (chance(0.3) ? int(1...2) : 0)
        for _ in 0..<byteMutations { mutateBytes(&bytes) }
        return bytes
    }

    static let largestBody = 32 * 1024

    // MARK: Tree mutations

    private mutating func mutateTree(_ tree: FuzzJSON) -> FuzzJSON {
        let path = randomPath(in: tree)[...]
        switch int(0...9) {
        case 0...4:
            return tree.replacing(at: path) { _ in self.extremeValue() }
        case 5:
            return tree.replacing(at: path) { node in self.duplicatingAnItem(node) }
        case 6:
            return tree.replacing(at: path) { node in self.removingAChild(node) }
        case 7:
            return tree.replacing(at: path) { node in self.renamingAKey(node) }
        case 8:
            let donor = tree.value(at: randomPath(in: tree)[...])
            return tree.replacing(at: path) { _ in donor }
        default:
            return tree.replacing(at: path) { node in self.wrapping(node) }
        }
    }

    /// A walk down from the root that stops at each inner node with a small chance, so
    /// leaves (timestamps, ids, texts) are hit most and whole subtrees now and then.
    private mutating func randomPath(in tree: FuzzJSON) -> [Int] {
        var path: [Int] = []
        var children = tree.children
        while !children.isEmpty && !chance(0.12) {
            let index = int(0...(children.count - 1))
            path.append(index)
            children = children[index].children
        }
        return path
    }

    private mutating func duplicatingAnItem(_ node: FuzzJSON) -> FuzzJSON {
        let copies = [1, 1, 2, 3, 10, 25][int(0...5)]
        switch node {
        case .array(var items) where !items.isEmpty:
            let index = int(0...(items.count - 1))
            items.insert(contentsOf: Array(repeating: items[index], count: copies), at: index)
            return .array(items)
        case .object(var members) where !members.isEmpty:
            // A repeated key: JSON parsers keep one of them, which one is theirs to choose.
            let index = int(0...(members.count - 1))
            members.insert(members[index], at: index)
            return .object(members)
        default:
            return .array(Array(repeating: node, count: copies))
        }
    }

    private mutating func removingAChild(_ node: FuzzJSON) -> FuzzJSON {
        switch node {
        case .array(var items) where !items.isEmpty:
            items.remove(at: int(0...(items.count - 1)))
            return .array(items)
        case .object(var members) where !members.isEmpty:
            members.remove(at: int(0...(members.count - 1)))
            return .object(members)
        default:
            return node
        }
    }

    private mutating func renamingAKey(_ node: FuzzJSON) -> FuzzJSON {
        guard case .object(var members) = node, !members.isEmpty else { return node }
        let index = int(0...(members.count - 1))
        members[index].key = FuzzJSON.written(Self.keys[int(0...(Self.keys.count - 1))])
        return .object(members)
    }

    /// An object where an array belongs and the other way round, or one more level.
    private mutating func wrapping(_ node: FuzzJSON) -> FuzzJSON {
        switch node {
        case .array(let items):
            .object(items.enumerated().map { (key: FuzzJSON.written(String($0)), value: $1) })
        case .object(let members): .array(members.map(\.value))
        default: chance(0.5) ? .array([node]) : .object([(key: FuzzJSON.written("value"), value: node)])
        }
    }

    private mutating func extremeValue() -> FuzzJSON {
        switch int(0...5) {
        case 0: .raw(Array(Self.numbers[int(0...(Self.numbers.count - 1))].utf8))
        case 1, 2: Self.strings[int(0...(Self.strings.count - 1))]
        case 3: .raw(Self.rawTokens[int(0...(Self.rawTokens.count - 1))])
        case 4: .raw(Array(Self.shapes[int(0...(Self.shapes.count - 1))].utf8))
        default: randomString()
        }
    }

    private mutating func randomString() -> FuzzJSON {
        let length = [0, 1, 8, 64, 1024, 4096][int(0...5)]
        if chance(0.5) { return .string(String(repeating: "9", count: length)) }
        var scalars = String.UnicodeScalarView()
        for _ in 0..<min(length, 512) {
            let value = UInt32(truncatingIfNeeded: random.next() % 0x11_0000)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return .string(String(scalars))
    }

    // MARK: Byte mutations

    private mutating func mutateBytes(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else {
            bytes = [Self.interestingBytes[int(0...(Self.interestingBytes.count - 1))]]
            return
        }
        let position = int(0...(bytes.count - 1))
        switch int(0...5) {
        case 0:
            bytes[position] ^= UInt8(1) << UInt8(int(0...7))
        case 1:
            bytes[position] = chance(0.5) ? UInt8(truncatingIfNeeded: random.next()) : interestingByte()
        case 2:
            bytes.insert(interestingByte(), at: position)
        case 3:
            bytes.removeSubrange(position..<min(bytes.count, position + int(1...16)))
        case 4:
            let end = min(bytes.count, position + int(1...64))
            bytes.insert(contentsOf: bytes[position..<end], at: int(0...(bytes.count - 1)))
        default:
            truncate(&bytes)
        }
    }

    /// Cuts the body just before or after a byte of one kind: inside a string, a number,
    /// an escape, a multi-byte character, right after an opening or closing bracket, a
    /// colon or a comma, or anywhere.
    private mutating func truncate(_ bytes: inout [UInt8]) {
        let kinds: [(UInt8) -> Bool] = [
            { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") },
            { $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "]") },
            { $0 == UInt8(ascii: "\"") }, { $0 == UInt8(ascii: ":") }, { $0 == UInt8(ascii: ",") },
            { $0 == UInt8(ascii: "\\") }, { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") },
            { $0 >= 0x80 }, { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }, { _ in true },
        ]
        let kind = kinds[int(0...(kinds.count - 1))]
        let start = int(0...(bytes.count - 1))
        for offset in 0..<bytes.count {
            let position = (start + offset) % bytes.count
            if kind(bytes[position]) {
                bytes.removeSubrange((position + int(0...1))...)
                return
            }
        }
        bytes.removeAll()
    }

    private mutating func interestingByte() -> UInt8 {
        Self.interestingBytes[int(0...(Self.interestingBytes.count - 1))]
    }

    // MARK: Randomness

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }

    private mutating func chance(_ probability: Double) -> Bool {
        Double(random.next() % 1_000_000) / 1_000_000 < probability
    }

    // MARK: Extremes

    static let numbers = [
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "123456789012345678901234567890", "1e308", "-1e308",
        "1.7976931348623157e308", "1e300", "-1e300", "5e-324", "1e-300", "1e309", "-0", "-0.0", "0", "1",
        "-1",
        "0.5", "1731400000.5", "2147483647", "2147483648", "4294967295", "4294967296", "253402300799",
        "253402300800", "1E2", "1e+2", "9.3e18", "1669233778",
    ]

    static let strings: [FuzzJSON] = [
        "", " ", "9223372036854775807", "-9223372036854775808", "18446744073709551616", "1e300", "-1e300",
        "NaN", "nan", "-nan", "Infinity", "-Infinity", "inf", "-inf", "+1", "-0", "0x1F", "1.5",
        "253402300799",
        "253402300800", "-1", "2024-06-06T12:51:37.589Z", "99999-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999Z", "-999999999-01-01T00:00:00Z", "\u{0}", "a\u{0}b", "\u{0}\u{0}\u{0}",
        "😀", "e\u{301}", "\u{202E}lto", "\u{FEFF}", "\u{FFFF}", "\u{10FFFF}", "\u{1F}", "\\", "\"",
        "1203630@g.us", "status@broadcast", "5511999999999@s.whatsapp.net", "@", "text", "image", "audio",
        "video", "document", "sticker", "location", "contacts", "interactive", "button_reply", "list_reply",
        "button", "reaction", "order", "system", "unsupported", "sent", "delivered", "read", "failed",
        "SERVER_ACK", "DELIVERY_ACK", "READ", "PLAYED", "ERROR", "messages.upsert", "MESSAGES_UPDATE",
        "messages.update", "connection.update", "send.message", "open", "close", "connecting", "refused",
        "messages", "true", "false", "null",
    ].map(FuzzJSON.string)

    static let rawTokens: [[UInt8]] = [
        Array(#""\u0000""#.utf8), Array(#""a\u0000b""#.utf8), Array(#""\ud800""#.utf8),
        Array(#""\udc00""#.utf8),
        Array(#""\udc00\ud800""#.utf8), Array(#""\ud83d\ude00""#.utf8), Array(#""\ud83d""#.utf8),
        Array(#""\u00""#.utf8), Array(#""\x41""#.utf8), Array(#""\/\b\f\n\r\t""#.utf8),
        [0x22, 0xFF, 0xFE, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xC0, 0xAF, 0x22],
        [0x22, 0xED, 0xA0, 0x80, 0x22],
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0x61, 0x00, 0x62, 0x22], [0x22, 0x0A, 0x22],
        Array("NaN".utf8), Array("Infinity".utf8), Array("-Infinity".utf8), Array("-".utf8), Array("01".utf8),
        Array(".5".utf8), Array("1.".utf8), Array("0x10".utf8), Array("+1".utf8), Array("1e".utf8),
        Array("tru".utf8), Array("nul".utf8), [],
    ]

    static let shapes = [
        "null", "true", "false", "[]", "{}", "[{}]", "[1,2,3]", "[null]", #"[""]"#, #"{"":""}"#,
        #"{"low":-1,"high":2147483647,"unsigned":false}"#, #"{"low":0,"high":-2147483648}"#,
        #"{"low":4294967295,"high":4294967295,"unsigned":true}"#, #"{"low":1e300,"high":1e300}"#,
        #"{"low":"1","high":null}"#, #"{"low":1717689097,"high":0,"unsigned":true}"#,
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        String(repeating: "[", count: 400) + String(repeating: "]", count: 400),
        String(repeating: #"{"a":"#, count: 400) + "1" + String(repeating: "}", count: 400),
        String(repeating: #"{"a":"#, count: 600) + "1" + String(repeating: "}", count: 600),
    ]

    static let keys = [
        "", "entry", "changes", "value", "field", "metadata", "phone_number_id", "messages", "statuses",
        "contacts", "timestamp", "id", "from", "type", "text", "body", "errors", "event", "instance", "data",
        "key", "remoteJid", "fromMe", "message", "messageTimestamp", "date_time", "status", "state", "keyId",
        "low", "high", "timestamp\u{0}", "TIMESTAMP",
    ]

    static let interestingBytes: [UInt8] =
        Array(#"{}[]":,\-+.eE0 9"#.utf8) + [0x00, 0x0A, 0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xED, 0xF0, 0xFF]
}
