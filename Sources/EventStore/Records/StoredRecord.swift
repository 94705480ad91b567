import Foundation

/// The canonical binary record; the hash chain is computed over exactly these bytes.
///
/// Layout (little-endian): tag u8 · position u64 · streamVersion u64 · recordedAt i64 ·
/// tenant 16 · eventId 16 · occurredAt i64 · flags u8 · stream (u16 len) · type (u16 len) ·
/// [correlation 16] · [causation 16] · [actor (u16 len)] · payload (u32 len) ·
/// [dataKey (u16 len) · sealed personal (u32 len)]. The stored value appends the 32-byte hash.
/// The fields the writer assigns sit at fixed offsets so it can patch a pre-encoded record;
/// `RecordLayout` reads a record back.
enum StoredRecord {
    static let tag: UInt8 = 1
    static let positionOffset = 1
    static let streamVersionOffset = 9
    static let recordedAtOffset = 17
    static let tenantOffset = 25
    static let idOffset = 41
    static let occurredAtOffset = 57
    static let flagsOffset = 65
    static let hashSize = 32

    static let hasCorrelation: UInt8 = 1
    static let hasCausation: UInt8 = 2
    static let hasActor: UInt8 = 4
    static let hasPersonal: UInt8 = 8

    /// Encodes an event with position, version and time zeroed, plus room for the hash.
    static func template(
        tenant: UUID, stream: [UInt8], type: [UInt8], event: NewEvent, actor: [UInt8]?,
        dataKey: [UInt8]?, sealed: [UInt8]?
    ) -> [UInt8] {
        let size =
            120 + stream.count + type.count + (actor?.count ?? 0) + event.payload.count
            + (dataKey?.count ?? 0) + (sealed?.count ?? 0) + hashSize
        var writer = ByteWriter(capacity: size)
        writer.u8(tag)
        writer.u64(0)
        writer.u64(0)
        writer.i64(0)
        writer.uuid(tenant)
        writer.uuid(event.id)
        writer.i64(event.occurredAt)
        var flags: UInt8 = 0
        if event.metadata.correlationId != nil { flags |= hasCorrelation }
        if event.metadata.causationId != nil { flags |= hasCausation }
        if actor != nil { flags |= hasActor }
        if sealed != nil { flags |= hasPersonal }
        writer.u8(flags)
        writer.short(stream)
        writer.short(type)
        if let correlation = event.metadata.correlationId { writer.uuid(correlation) }
        if let causation = event.metadata.causationId { writer.uuid(causation) }
        if let actor { writer.short(actor) }
        writer.long(event.payload)
        if let dataKey, let sealed {
            writer.short(dataKey)
            writer.long(sealed)
        }
        writer.bytes.append(contentsOf: repeatElement(0, count: hashSize))
        return writer.bytes
    }

    /// Writes the fields the writer assigns into a template.
    static func patch(
        _ record: UnsafeMutableRawBufferPointer, position: UInt64, streamVersion: UInt64, recordedAt: Int64
    ) {
        record.storeBytes(of: position.littleEndian, toByteOffset: positionOffset, as: UInt64.self)
        record.storeBytes(of: streamVersion.littleEndian, toByteOffset: streamVersionOffset, as: UInt64.self)
        record.storeBytes(
            of: UInt64(bitPattern: recordedAt).littleEndian, toByteOffset: recordedAtOffset, as: UInt64.self)
    }

    /// The position written inside a stored record (verify checks it against the key).
    static func position(in record: UnsafeRawBufferPointer) -> UInt64? {
        guard record.count > positionOffset + 8 else { return nil }
        return UInt64(littleEndian: record.loadUnaligned(fromByteOffset: positionOffset, as: UInt64.self))
    }
}
