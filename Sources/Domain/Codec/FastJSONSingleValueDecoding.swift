/// Single-value container: the value the decoder points at.
struct FastJSONSingleValueDecoding: SingleValueDecodingContainer {
    let decoder: FastJSONDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.scanner.isNull(decoder.offset) }
    func decode(_: Bool.Type) throws -> Bool { try decoder.decodeValue(Bool.self) }
    func decode(_: String.Type) throws -> String { try decoder.decodeValue(String.self) }
    func decode(_: Double.Type) throws -> Double { try decoder.decodeValue(Double.self) }
    func decode(_: Float.Type) throws -> Float { try decoder.floating(Float.self) }
    func decode(_: Int.Type) throws -> Int { try decoder.integer(Int.self) }
    func decode(_: Int8.Type) throws -> Int8 { try decoder.integer(Int8.self) }
    func decode(_: Int16.Type) throws -> Int16 { try decoder.integer(Int16.self) }
    func decode(_: Int32.Type) throws -> Int32 { try decoder.integer(Int32.self) }
    func decode(_: Int64.Type) throws -> Int64 { try decoder.integer(Int64.self) }
    func decode(_: UInt.Type) throws -> UInt { try decoder.integer(UInt.self) }
    func decode(_: UInt8.Type) throws -> UInt8 { try decoder.integer(UInt8.self) }
    func decode(_: UInt16.Type) throws -> UInt16 { try decoder.integer(UInt16.self) }
    func decode(_: UInt32.Type) throws -> UInt32 { try decoder.integer(UInt32.self) }
    func decode(_: UInt64.Type) throws -> UInt64 { try decoder.integer(UInt64.self) }
    func decode<T: Decodable>(_: T.Type) throws -> T { try decoder.decodeValue(T.self) }
}
