import Foundation

/// Reads little-endian fields from stored bytes; every overrun is a typed error.
struct ByteReader {
    struct Overrun: Error {}

    let bytes: UnsafeRawBufferPointer
    var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    private mutating func take(_ count: Int) throws -> Int {
        guard count >= 0, offset + count <= bytes.count else { throw Overrun() }
        defer { offset += count }
        return offset
    }

    mutating func u8() throws -> UInt8 {
        bytes[try take(1)]
    }

    mutating func u16() throws -> UInt16 {
        UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(2), as: UInt16.self))
    }

    mutating func u32() throws -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(4), as: UInt32.self))
    }

    mutating func u64() throws -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(8), as: UInt64.self))
    }

    mutating func i64() throws -> Int64 {
        Int64(bitPattern: try u64())
    }

    mutating func uuid() throws -> UUID {
        UUID(uuid: bytes.loadUnaligned(fromByteOffset: try take(16), as: uuid_t.self))
    }

    mutating func raw(_ count: Int) throws -> [UInt8] {
        let start = try take(count)
        return Array(bytes[start..<start + count])
    }

    mutating func short() throws -> [UInt8] {
        try raw(Int(try u16()))
    }

    mutating func long() throws -> [UInt8] {
        try raw(Int(try u32()))
    }

    mutating func shortString() throws -> String {
        String(decoding: try short(), as: UTF8.self)
    }
}

extension ByteReader {
    /// Skips `count` bytes and returns where they are.
    mutating func range(_ count: Int) throws -> Range<Int> {
        guard count >= 0, offset + count <= bytes.count else { throw Overrun() }
        defer { offset += count }
        return offset..<offset + count
    }

    /// Where a field with a u16 length prefix is.
    mutating func shortRange() throws -> Range<Int> {
        try range(Int(try u16()))
    }

    /// Where a field with a u32 length prefix is.
    mutating func longRange() throws -> Range<Int> {
        try range(Int(try u32()))
    }
}
