import Foundation

/// Builds index keys; numbers in keys are big-endian so LMDB's byte order is numeric order.
enum IndexKeys {
    static func position(_ position: UInt64) -> [UInt8] {
        withUnsafeBytes(of: position.bigEndian) { Array($0) }
    }

    static func uuid(_ value: UUID) -> [UInt8] {
        withUnsafeBytes(of: value.uuid) { Array($0) }
    }

    /// u16 length ‖ name ‖ version: the length prefix keeps one stream's keys contiguous.
    static func stream(_ name: [UInt8], version: UInt64) -> [UInt8] {
        name.withUnsafeBytes { stream($0, version: version) }
    }

    static func stream(_ name: UnsafeRawBufferPointer, version: UInt64) -> [UInt8] {
        var key = [UInt8]()
        key.reserveCapacity(name.count + 10)
        withUnsafeBytes(of: UInt16(name.count).bigEndian) { key.append(contentsOf: $0) }
        key.append(contentsOf: name)
        withUnsafeBytes(of: version.bigEndian) { key.append(contentsOf: $0) }
        return key
    }

    static func streamPrefixLength(_ name: [UInt8]) -> Int {
        name.count + 2
    }

    static func tenant(_ tenant: UnsafeRawBufferPointer, position: UInt64) -> [UInt8] {
        var key = Array(tenant)
        withUnsafeBytes(of: position.bigEndian) { key.append(contentsOf: $0) }
        return key
    }

    static func tenant(_ tenant: UUID, position: UInt64) -> [UInt8] {
        withUnsafeBytes(of: tenant.uuid) { Self.tenant($0, position: position) }
    }

    static func bigEndianU64(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    static func littleEndianU64(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
    }

    static func littleEndian(_ value: UInt64) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
