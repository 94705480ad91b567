/// Keyed container over the members of one JSON object; lookups compare key bytes in place.
struct FastJSONKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let scanner: JSONScanner
    let entries: [JSONScanner.Entry]
    let codingPath: [any CodingKey]

    var allKeys: [Key] {
        entries.compactMap { entry in (try? scanner.keyString(entry)).flatMap { Key(stringValue: $0) } }
    }

    private func find(_ key: some CodingKey) -> Int? {
        let name = key.stringValue
        // The last duplicate wins, as with Foundation's decoder.
        var index = entries.count - 1
        while index >= 0 {
            if scanner.key(entries[index], equals: name) { return entries[index].value }
            index -= 1
        }
        return nil
    }

    private func decoder(for key: some CodingKey) throws -> FastJSONDecoder {
        guard let offset = find(key) else {
            throw DecodingError.keyNotFound(
                key, DecodingError.Context(codingPath: codingPath, debugDescription: "missing key"))
        }
        return FastJSONDecoder(scanner: scanner, offset: offset, parentPath: codingPath, key: key)
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        scanner.isNull(try decoder(for: key).offset)
    }

    func decode(_: Bool.Type, forKey key: Key) throws -> Bool { try decoder(for: key).decodeValue(Bool.self) }
    func decode(_: String.Type, forKey key: Key) throws -> String {
        try decoder(for: key).decodeValue(String.self)
    }
    func decode(_: Double.Type, forKey key: Key) throws -> Double {
        try decoder(for: key).decodeValue(Double.self)
    }
    func decode(_: Float.Type, forKey key: Key) throws -> Float { try decoder(for: key).floating(Float.self) }
    func decode(_: Int.Type, forKey key: Key) throws -> Int { try decoder(for: key).integer(Int.self) }
    func decode(_: Int8.Type, forKey key: Key) throws -> Int8 { try decoder(for: key).integer(Int8.self) }
    func decode(_: Int16.Type, forKey key: Key) throws -> Int16 { try decoder(for: key).integer(Int16.self) }
    func decode(_: Int32.Type, forKey key: Key) throws -> Int32 { try decoder(for: key).integer(Int32.self) }
    func decode(_: Int64.Type, forKey key: Key) throws -> Int64 { try decoder(for: key).integer(Int64.self) }
    func decode(_: UInt.Type, forKey key: Key) throws -> UInt { try decoder(for: key).integer(UInt.self) }
    func decode(_: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder(for: key).integer(UInt8.self) }
    func decode(_: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try decoder(for: key).integer(UInt16.self)
    }
    func decode(_: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try decoder(for: key).integer(UInt32.self)
    }
    func decode(_: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try decoder(for: key).integer(UInt64.self)
    }
    func decode<T: Decodable>(_: T.Type, forKey key: Key) throws -> T {
        try decoder(for: key).decodeValue(T.self)
    }

    /// Absent and `null` both give `nil`, with one lookup.
    private func optional<T: Decodable>(_: T.Type, _ key: Key) throws -> T? {
        guard let offset = find(key), !scanner.isNull(offset) else { return nil }
        return try FastJSONDecoder(scanner: scanner, offset: offset, parentPath: codingPath, key: key)
            .decodeValue(T.self)
    }

    func decodeIfPresent(_: String.Type, forKey key: Key) throws -> String? { try optional(String.self, key) }
    func decodeIfPresent(_: Int64.Type, forKey key: Key) throws -> Int64? { try optional(Int64.self, key) }
    func decodeIfPresent(_: Int.Type, forKey key: Key) throws -> Int? { try optional(Int.self, key) }
    func decodeIfPresent(_: Bool.Type, forKey key: Key) throws -> Bool? { try optional(Bool.self, key) }
    func decodeIfPresent(_: Double.Type, forKey key: Key) throws -> Double? { try optional(Double.self, key) }
    func decodeIfPresent<T: Decodable>(_: T.Type, forKey key: Key) throws -> T? { try optional(T.self, key) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try decoder(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        try decoder(for: FastJSONKey(name: "super"))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { try decoder(for: key) }
}
