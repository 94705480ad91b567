/// Keyed container filling one object box.
struct FastJSONKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: EncodedJSONObject
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { box.set(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.set(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { box.set(key.stringValue, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        box.set(key.stringValue, try FastJSONEncoder.double(value, codingPath: codingPath + [key]))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        box.set(key.stringValue, try FastJSONEncoder.float(value, codingPath: codingPath + [key]))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        box.set(key.stringValue, .number(String(value)))
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws {
        box.set(key.stringValue, .number(String(value)))
    }
    mutating func encode(_ value: Int16, forKey key: Key) throws {
        box.set(key.stringValue, .number(String(value)))
    }
    mutating func encode(_ value: Int32, forKey key: Key) throws {
        box.set(key.stringValue, .number(String(value)))
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        box.set(key.stringValue, .number(String(value)))
    }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        box.set(key.stringValue, .number(String(value)))
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        box.set(key.stringValue, .number(String(value)))
    }
    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        box.set(key.stringValue, .number(String(value)))
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        box.set(key.stringValue, .number(String(value)))
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        box.set(key.stringValue, .number(String(value)))
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.set(key.stringValue, try FastJSONEncoder.node(for: value, codingPath: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = EncodedJSONObject()
        box.set(key.stringValue, .object(nested))
        return KeyedEncodingContainer(
            FastJSONKeyedEncoding<NestedKey>(box: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = EncodedJSONArray()
        box.set(key.stringValue, .array(nested))
        return FastJSONUnkeyedEncoding(box: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        let box = box
        return FastJSONEncoder(codingPath: codingPath + [FastJSONKey(name: "super")]) { box.set("super", $0) }
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let box = box
        let name = key.stringValue
        return FastJSONEncoder(codingPath: codingPath + [key]) { box.set(name, $0) }
    }
}
