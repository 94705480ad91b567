import Foundation

extension EventStore {
    /// Recomputes the tenant's hash chain over the stored bytes: the events the tenant index
    /// names, then any the index has not caught up with yet, up to the head of the same snapshot.
    public func verify(tenant: UUID) throws -> VerificationReport {
        try index.env.read { indexTxn in
            try env.read { txn in
                let tenantBytes = IndexKeys.uuid(tenant)
                var report = VerificationReport(tenant: tenant, eventsChecked: 0, firstBrokenPosition: nil)
                var previous = HashChain.genesis
                var lastPosition: UInt64 = 0
                func check(_ position: UInt64, _ value: UnsafeRawBufferPointer?) {
                    lastPosition = position
                    report.eventsChecked += 1
                    let intact = value.map { link($0, position: position, previous: &previous) }
                    if intact != true && report.firstBrokenPosition == nil {
                        report.firstBrokenPosition = position
                    }
                }
                try indexTxn.withCursor(index.dbs.tenantIndex) { cursor in
                    var entry = try cursor.seek(atLeast: tenantBytes)
                    while let current = entry, current.key.count == 24,
                        current.key[0..<16].elementsEqual(tenantBytes)
                    {
                        let position = IndexKeys.bigEndianU64(current.key, at: 16)
                        check(position, try txn.get(dbs.events, IndexKeys.position(position)))
                        entry = try cursor.next()
                    }
                }
                let indexed = try EventIndex.indexedThrough(indexTxn, index.dbs)
                try txn.withCursor(dbs.events) { cursor in
                    var entry = try cursor.seek(atLeast: IndexKeys.position(indexed + 1))
                    while let current = entry {
                        let position = IndexKeys.bigEndianU64(current.key, at: 0)
                        if let record = try? RecordLayout(
                            RecordLayout.recordPart(of: current.value), at: position),
                            !record.tenantBytes.elementsEqual(tenantBytes)
                        {
                            entry = try cursor.next()
                            continue
                        }
                        check(position, current.value)
                        entry = try cursor.next()
                    }
                }
                // The stored tenant head must be the last link, or the chain's tail was cut or rewritten.
                let head =
                    try txn.get(dbs.tenantHeads, tenantBytes).map(Array.init) ?? HashChain.genesis
                if head != previous && report.firstBrokenPosition == nil {
                    report.firstBrokenPosition = lastPosition
                }
                return report
            }
        }
    }

    /// Checks one link; continues the chain from the stored link so later events are judged alone.
    private func link(_ value: UnsafeRawBufferPointer, position: UInt64, previous: inout [UInt8]) -> Bool {
        guard value.count > StoredRecord.hashSize else { return false }
        let split = value.count - StoredRecord.hashSize
        let record = UnsafeRawBufferPointer(rebasing: value[0..<split])
        let stored = Array(value[split...])
        let computed = previous.withUnsafeBytes { HashChain.link(previous: $0, record: record) }
        previous = stored
        return computed == stored && StoredRecord.position(in: record) == position
    }
}
