import CLMDB
import Foundation

/// One group-commit batch: a write transaction on the log, and a read snapshot of the index as of
/// the previous batch; the batch's own index entries are written after it, by `IndexWriter`, so
/// event ids and stream versions the batch wrote are looked up in the batch first. Each request
/// is validated against all of that before anything of it is written, so a request that fails
/// leaves no trace and does not fail the others.
struct BatchTransaction {
    let txn: LMDBTransaction
    let dbs: LogDatabases
    /// A read snapshot of the index as of the previous batch.
    let index: LMDBTransaction
    let indexDbs: IndexDatabases
    let keyring: Keyring
    /// Versions of streams committed before the batch, known without looking them up.
    let knownVersions: [StreamName: UInt64]
    let recordedAt: Int64
    private(set) var next: UInt64
    /// What the batch wrote: its records (for the index writer), and their ids and stream
    /// versions, which the index snapshot does not hold.
    private(set) var written: [IndexWriter.Entry] = []
    private var writtenIds: [UUID: UInt64] = [:]
    private(set) var writtenVersions: [StreamName: UInt64] = [:]
    /// Whether anything was put or deleted: LMDB commits a transaction that changed nothing
    /// without giving it a transaction id.
    private(set) var changedAnything = false
    private var chainHeads: [UUID: [UInt8]] = [:]

    init(
        txn: LMDBTransaction, dbs: LogDatabases, index: LMDBTransaction, indexDbs: IndexDatabases,
        keyring: Keyring, knownVersions: [StreamName: UInt64], next: UInt64, recordedAt: Int64
    ) {
        self.txn = txn
        self.dbs = dbs
        self.index = index
        self.indexDbs = indexDbs
        self.keyring = keyring
        self.knownVersions = knownVersions
        self.next = next
        self.recordedAt = recordedAt
    }

    /// Validates and writes one request; throws only LMDB errors, which abort the whole batch.
    mutating func apply(_ item: PendingAppend) throws -> Result<AppendResult, EventStoreError> {
        let plan: AppendPlan
        switch try validate(item) {
        case .failure(let error): return .failure(error)
        case .success(let valid): plan = valid
        }
        if !plan.duplicate { try write(item, plan) }
        return .success(
            AppendResult(
                positions: plan.positions, head: next - 1, streamVersions: plan.streamVersions,
                duplicate: plan.duplicate))
    }

    /// Stores the last chain link of every tenant the batch touched.
    func finish() throws {
        for (tenant, link) in chainHeads {
            try txn.put(dbs.tenantHeads, IndexKeys.uuid(tenant), link)
        }
    }

    private func validate(_ item: PendingAppend) throws -> Result<AppendPlan, EventStoreError> {
        var plan = AppendPlan()
        var position = next
        // Positions given to this request's new events by id; a request of one event cannot
        // repeat an id, so it skips the table.
        var seen: [UUID: UInt64]? = item.eventCount > 1 ? [:] : nil
        for (streamIndex, stream) in item.streams.enumerated() {
            // A stream named twice in one request continues from its first part.
            var current = try plan.streamVersions[stream.name] ?? storedVersion(of: stream)
            var fresh: UInt64 = 0
            for (eventIndex, event) in stream.events.enumerated() {
                if let first = try storedPosition(of: event) ?? seen?[event.id] {
                    plan.positions.append(first)
                    continue
                }
                if let key = event.dataKey, event.keyForgotten || keyring.isForgotten(key) {
                    return .failure(.dataKeyForgotten(key))
                }
                fresh += 1
                seen?[event.id] = position
                plan.positions.append(position)
                plan.slots.append(
                    AppendPlan.Slot(
                        stream: streamIndex, event: eventIndex, position: position, version: current + fresh))
                position += 1
            }
            if fresh > 0 {
                guard stream.expected.accepts(current) else {
                    return .failure(
                        .wrongExpectedVersion(stream: stream.name, expected: stream.expected, actual: current)
                    )
                }
                current += fresh
            }
            plan.streamVersions[stream.name] = current
        }
        if plan.slots.isEmpty && !plan.positions.isEmpty {
            plan.duplicate = true
            return .success(plan)
        }
        var holders: [UniqueKey: StreamName?] = [:]
        for change in item.keys {
            let holder: StreamName?
            if let known = holders[change.key] {
                holder = known
            } else {
                holder = try storedHolder(change.keyBytes)
            }
            if change.reserve {
                if let holder {
                    if holder != change.stream {
                        return .failure(.uniqueKeyTaken(key: change.key, heldBy: holder))
                    }
                } else {
                    holders[change.key] = .some(change.stream)
                    plan.keyWrites.append((change.keyBytes, change.streamBytes))
                }
            } else if holder == change.stream {
                holders[change.key] = .some(nil)
                plan.keyWrites.append((change.keyBytes, nil))
            }
        }
        return .success(plan)
    }

    private mutating func write(_ item: PendingAppend, _ plan: AppendPlan) throws {
        for slot in plan.slots {
            try item.streams[slot.stream].events[slot.event].record.withUnsafeMutableBytes { buffer in
                try writeEvent(buffer, slot)
            }
            let stream = item.streams[slot.stream]
            let event = stream.events[slot.event]
            written.append(IndexWriter.Entry(position: slot.position, stored: event.record))
            writtenIds[event.id] = slot.position
            writtenVersions[stream.name] = slot.version
        }
        if let last = plan.slots.last { next = last.position + 1 }
        if !plan.slots.isEmpty || !plan.keyWrites.isEmpty { changedAnything = true }
        for write in plan.keyWrites {
            if let stream = write.stream {
                try txn.put(dbs.uniqueKeys, write.key, stream)
            } else {
                try txn.delete(dbs.uniqueKeys, write.key)
            }
        }
    }

    private mutating func writeEvent(_ buffer: UnsafeMutableRawBufferPointer, _ slot: AppendPlan.Slot) throws
    {
        StoredRecord.patch(
            buffer, position: slot.position, streamVersion: slot.version, recordedAt: recordedAt)
        let recordEnd = buffer.count - StoredRecord.hashSize
        let record = UnsafeRawBufferPointer(rebasing: buffer[0..<recordEnd])
        let tenantBytes = UnsafeRawBufferPointer(
            rebasing: record[StoredRecord.tenantOffset..<StoredRecord.tenantOffset + 16])
        let tenant = UUID(uuid: tenantBytes.loadUnaligned(as: uuid_t.self))
        let previous =
            try chainHeads[tenant] ?? txn.get(dbs.tenantHeads, tenantBytes).map(Array.init)
            ?? HashChain.genesis
        let link = UnsafeMutableRawBufferPointer(rebasing: buffer[recordEnd...])
        previous.withUnsafeBytes { HashChain.link(previous: $0, record: record, into: link) }
        chainHeads[tenant] = Array(link)

        try IndexKeys.position(slot.position).withUnsafeBytes { key in
            try txn.put(dbs.events, key, UnsafeRawBufferPointer(buffer), flags: MDB_APPEND)
        }
    }

    private func storedVersion(of stream: PendingAppend.Stream) throws -> UInt64 {
        try writtenVersions[stream.name] ?? knownVersions[stream.name]
            ?? index.streamVersion(stream.nameBytes, in: indexDbs)
    }

    /// Where an event with this id already is, in the batch or in the log.
    private func storedPosition(of event: PendingAppend.Event) throws -> UInt64? {
        if let position = writtenIds[event.id] { return position }
        return try withUnsafeBytes(of: event.id.uuid) { id in
            try index.get(indexDbs.eventIds, id).map(IndexKeys.littleEndianU64)
        }
    }

    private func storedHolder(_ key: [UInt8]) throws -> StreamName? {
        try txn.get(dbs.uniqueKeys, key).map { StreamName(String(decoding: $0, as: UTF8.self)) }
    }
}
