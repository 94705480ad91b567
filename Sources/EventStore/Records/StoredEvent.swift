/// A record copied out of a read transaction, with its chain link.
struct StoredEvent {
    let record: StoredRecord
    let chainHash: [UInt8]

    /// Decodes the stored value (record ‖ 32-byte link) found at `position`.
    init(_ value: UnsafeRawBufferPointer, at position: UInt64) throws {
        guard value.count > StoredRecord.hashSize else {
            throw EventStoreError.corruptRecord(position: position, reason: "truncated value")
        }
        let split = value.count - StoredRecord.hashSize
        record = try StoredRecord(decoding: UnsafeRawBufferPointer(rebasing: value[0..<split]), at: position)
        chainHash = Array(value[split...])
    }
}
