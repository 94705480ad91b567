import Foundation

/// Turns the stored values of one read into `RecordedEvent`s while its transaction is open.
/// Along the log the same type names, streams and data keys come back event after event, so
/// each is compared with the last one seen and shared instead of copied again; sealed personal
/// parts are opened straight from the map. Lives inside one read transaction: the byte ranges
/// it remembers point into that transaction's map.
struct RecordedEventDecoder {
    private let keyring: Keyring
    private var types: [(bytes: UnsafeRawBufferPointer, name: String)] = []
    private var stream: (bytes: UnsafeRawBufferPointer, name: StreamName)?
    private var dataKey: (bytes: UnsafeRawBufferPointer, id: DataKeyID, entry: Keyring.Entry?)?

    init(keyring: Keyring) {
        self.keyring = keyring
    }

    /// Decodes the stored value (record ‖ 32-byte link) found at `position`.
    mutating func decode(_ value: UnsafeRawBufferPointer, at position: UInt64) throws -> RecordedEvent {
        guard value.count > StoredRecord.hashSize else {
            throw EventStoreError.corruptRecord(position: position, reason: "truncated value")
        }
        let split = value.count - StoredRecord.hashSize
        let record = try RecordLayout(UnsafeRawBufferPointer(rebasing: value[0..<split]), at: position)
        let id = record.id
        var personal = PersonalPart.none
        var key: DataKeyID?
        if let keyRange = record.dataKey, let sealed = record.sealed {
            let found = dataKey(record.bytes(keyRange))
            key = found.id
            switch found.entry {
            case .live(let secret):
                personal =
                    PersonalSeal.open(record.bytes(sealed), key: secret, eventId: id).map(PersonalPart.clear)
                    ?? .erased
            case .forgotten, nil:
                personal = .erased
            }
        }
        return RecordedEvent(
            position: record.position, tenant: record.tenant, stream: stream(record.bytes(record.stream)),
            streamVersion: record.streamVersion, id: id, type: type(record.bytes(record.type)),
            recordedAt: record.recordedAt, occurredAt: record.occurredAt,
            metadata: record.metadata, payload: Array(record.bytes(record.payload)), personal: personal,
            dataKey: key, chainHash: Array(UnsafeRawBufferPointer(rebasing: value[split...])))
    }

    private mutating func type(_ bytes: UnsafeRawBufferPointer) -> String {
        for known in types where Self.same(known.bytes, bytes) { return known.name }
        let name = String(decoding: bytes, as: UTF8.self)
        types.append((bytes, name))
        return name
    }

    private mutating func stream(_ bytes: UnsafeRawBufferPointer) -> StreamName {
        if let stream, Self.same(stream.bytes, bytes) { return stream.name }
        let name = StreamName(String(decoding: bytes, as: UTF8.self))
        stream = (bytes, name)
        return name
    }

    /// The data key and its keyring entry, looked up once per run of events sharing the key.
    private mutating func dataKey(_ bytes: UnsafeRawBufferPointer) -> (id: DataKeyID, entry: Keyring.Entry?) {
        if let dataKey, Self.same(dataKey.bytes, bytes) { return (dataKey.id, dataKey.entry) }
        let id = DataKeyID(String(decoding: bytes, as: UTF8.self))
        let entry = keyring.entry(id.rawValue)
        dataKey = (bytes, id, entry)
        return (id, entry)
    }

    private static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }
}
