/// The fields of a stored record that the indexes are built from, read in place at their
/// fixed offsets (see `StoredRecord`); the buffers point into the record.
struct IndexedFields {
    static let streamLengthOffset = 66

    let position: UInt64
    let streamVersion: UInt64
    let recordedAt: Int64
    let tenant: UnsafeRawBufferPointer
    let id: UnsafeRawBufferPointer
    let stream: UnsafeRawBufferPointer

    /// Nil when the record is too short to hold them.
    init?(_ record: UnsafeRawBufferPointer) {
        guard record.count >= Self.streamLengthOffset + 2 else { return nil }
        let length = Int(
            UInt16(
                littleEndian: record.loadUnaligned(fromByteOffset: Self.streamLengthOffset, as: UInt16.self)))
        let streamStart = Self.streamLengthOffset + 2
        guard record.count >= streamStart + length else { return nil }
        position = Self.u64(record, StoredRecord.positionOffset)
        streamVersion = Self.u64(record, StoredRecord.streamVersionOffset)
        recordedAt = Int64(bitPattern: Self.u64(record, StoredRecord.recordedAtOffset))
        tenant = UnsafeRawBufferPointer(
            rebasing: record[StoredRecord.tenantOffset..<StoredRecord.tenantOffset + 16])
        id = UnsafeRawBufferPointer(rebasing: record[StoredRecord.idOffset..<StoredRecord.idOffset + 16])
        stream = UnsafeRawBufferPointer(rebasing: record[streamStart..<streamStart + length])
    }

    private static func u64(_ record: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: record.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
