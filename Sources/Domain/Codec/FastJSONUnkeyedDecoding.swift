/// Unkeyed container over the elements of one JSON array.
struct FastJSONUnkeyedDecoding: UnkeyedDecodingContainer {
    let scanner: JSONScanner
    let elements: [Int]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(scanner: JSONScanner, elements: [Int], codingPath: [any CodingKey]) {
        self.scanner = scanner
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> FastJSONDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self,
                DecodingError.Context(codingPath: codingPath, debugDescription: "unkeyed container is at end")
            )
        }
        let decoder = FastJSONDecoder(
            scanner: scanner, offset: elements[currentIndex], parentPath: codingPath,
            key: FastJSONKey(index: currentIndex))
        currentIndex += 1
        return decoder
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, scanner.isNull(elements[currentIndex]) else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_: Bool.Type) throws -> Bool { try next().decodeValue(Bool.self) }
    mutating func decode(_: String.Type) throws -> String { try next().decodeValue(String.self) }
    mutating func decode(_: Double.Type) throws -> Double { try next().decodeValue(Double.self) }
    mutating func decode(_: Float.Type) throws -> Float { try next().floating(Float.self) }
    mutating func decode(_: Int.Type) throws -> Int { try next().integer(Int.self) }
    mutating func decode(_: Int8.Type) throws -> Int8 { try next().integer(Int8.self) }
    mutating func decode(_: Int16.Type) throws -> Int16 { try next().integer(Int16.self) }
    mutating func decode(_: Int32.Type) throws -> Int32 { try next().integer(Int32.self) }
    mutating func decode(_: Int64.Type) throws -> Int64 { try next().integer(Int64.self) }
    mutating func decode(_: UInt.Type) throws -> UInt { try next().integer(UInt.self) }
    mutating func decode(_: UInt8.Type) throws -> UInt8 { try next().integer(UInt8.self) }
    mutating func decode(_: UInt16.Type) throws -> UInt16 { try next().integer(UInt16.self) }
    mutating func decode(_: UInt32.Type) throws -> UInt32 { try next().integer(UInt32.self) }
    mutating func decode(_: UInt64.Type) throws -> UInt64 { try next().integer(UInt64.self) }
    mutating func decode<T: Decodable>(_: T.Type) throws -> T { try next().decodeValue(T.self) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next() }
}
