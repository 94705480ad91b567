/// Unkeyed container filling one array box.
struct FastJSONUnkeyedEncoding: UnkeyedEncodingContainer {
    let box: EncodedJSONArray
    let codingPath: [any CodingKey]

    var count: Int { box.items.count }

    private var nextPath: [any CodingKey] { codingPath + [FastJSONKey(index: count)] }

    mutating func encodeNil() throws { box.items.append(.null) }
    mutating func encode(_ value: Bool) throws { box.items.append(.bool(value)) }
    mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
    mutating func encode(_ value: Double) throws {
        box.items.append(try FastJSONEncoder.double(value, codingPath: nextPath))
    }
    mutating func encode(_ value: Float) throws {
        box.items.append(try FastJSONEncoder.float(value, codingPath: nextPath))
    }
    mutating func encode(_ value: Int) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { box.items.append(.number(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        box.items.append(try FastJSONEncoder.node(for: value, codingPath: nextPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = EncodedJSONObject()
        let path = nextPath
        box.items.append(.object(nested))
        return KeyedEncodingContainer(FastJSONKeyedEncoding<NestedKey>(box: nested, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = EncodedJSONArray()
        let path = nextPath
        box.items.append(.array(nested))
        return FastJSONUnkeyedEncoding(box: nested, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let box = box
        let index = box.items.count
        box.items.append(.null)
        return FastJSONEncoder(codingPath: codingPath + [FastJSONKey(index: index)]) { box.items[index] = $0 }
    }
}
