import Foundation

/// Where each field of one canonical record (see `StoredRecord`) sits, found without copying:
/// the one parser of a record, for the reads (`RecordedEventDecoder`), the index and `verify`.
/// The buffer must outlive the layout's use.
struct RecordLayout {
    let record: UnsafeRawBufferPointer
    var stream: Range<Int>
    var type: Range<Int>
    var correlation: Range<Int>?
    var causation: Range<Int>?
    var actor: Range<Int>?
    var payload: Range<Int>
    /// Present together with `sealed` when the event has a personal part.
    var dataKey: Range<Int>?
    var sealed: Range<Int>?

    /// Checks the record (the stored value without its trailing hash) found at `position`.
    init(_ record: UnsafeRawBufferPointer, at position: UInt64) throws {
        self.record = record
        do {
            var reader = ByteReader(record)
            let tag = try reader.u8()
            guard tag == StoredRecord.tag else {
                throw EventStoreError.corruptRecord(position: position, reason: "unknown record tag \(tag)")
            }
            _ = try reader.range(StoredRecord.flagsOffset - 1)
            let flags = try reader.u8()
            stream = try reader.shortRange()
            type = try reader.shortRange()
            if flags & StoredRecord.hasCorrelation != 0 { correlation = try reader.range(16) }
            if flags & StoredRecord.hasCausation != 0 { causation = try reader.range(16) }
            if flags & StoredRecord.hasActor != 0 { actor = try reader.shortRange() }
            payload = try reader.longRange()
            if flags & StoredRecord.hasPersonal != 0 {
                dataKey = try reader.shortRange()
                sealed = try reader.longRange()
            }
            guard reader.offset == record.count else {
                throw EventStoreError.corruptRecord(position: position, reason: "trailing bytes")
            }
        } catch is ByteReader.Overrun {
            throw EventStoreError.corruptRecord(position: position, reason: "truncated record")
        }
    }

    var position: UInt64 { u64(StoredRecord.positionOffset) }
    var streamVersion: UInt64 { u64(StoredRecord.streamVersionOffset) }
    var recordedAt: Int64 { Int64(bitPattern: u64(StoredRecord.recordedAtOffset)) }
    var occurredAt: Int64 { Int64(bitPattern: u64(StoredRecord.occurredAtOffset)) }
    var tenant: UUID { uuid(StoredRecord.tenantOffset) }
    var id: UUID { uuid(StoredRecord.idOffset) }
    /// The tenant and event id as stored, for index keys.
    var tenantBytes: UnsafeRawBufferPointer {
        bytes(StoredRecord.tenantOffset..<StoredRecord.tenantOffset + 16)
    }
    var idBytes: UnsafeRawBufferPointer { bytes(StoredRecord.idOffset..<StoredRecord.idOffset + 16) }

    /// The record part of a stored value (which ends with the chain hash).
    static func recordPart(of value: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: value[0..<max(0, value.count - StoredRecord.hashSize)])
    }

    /// The event's tracing data.
    var metadata: EventMetadata {
        EventMetadata(
            correlationId: correlation.map { uuid($0.lowerBound) },
            causationId: causation.map { uuid($0.lowerBound) },
            actor: actor.map(string))
    }

    func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: record[range])
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes(range), as: UTF8.self)
    }

    private func u64(_ offset: Int) -> UInt64 {
        UInt64(littleEndian: record.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    private func uuid(_ offset: Int) -> UUID {
        UUID(uuid: record.loadUnaligned(fromByteOffset: offset, as: uuid_t.self))
    }
}
