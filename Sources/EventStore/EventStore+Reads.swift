import Foundation

extension EventStore {
    /// The events of one stream from `fromVersion` (1-based) on.
    public func readStream(_ stream: StreamName, fromVersion: UInt64 = 1) throws -> [RecordedEvent] {
        let name = Array(stream.rawValue.utf8)
        let prefix = IndexKeys.streamPrefixLength(name)
        let start = IndexKeys.stream(name, version: max(fromVersion, 1))
        return try readIndexed(index.dbs.streamIndex, start: start, prefixLength: prefix, limit: .max) {
            entry in
            IndexKeys.littleEndianU64(entry.value)
        }
    }

    /// The stream's current version; 0 when it has no events.
    public func streamVersion(_ stream: StreamName) throws -> UInt64 {
        try index.env.read { txn in
            try txn.streamVersion(Array(stream.rawValue.utf8), in: index.dbs)
        }
    }

    /// One tenant's events with position >= `position`, at most `limit` (tenant index).
    public func readTenant(_ tenant: UUID, from position: UInt64, limit: Int) throws -> [RecordedEvent] {
        try Self.check(limit: limit)
        let start = IndexKeys.tenant(tenant, position: position)
        return try readIndexed(index.dbs.tenantIndex, start: start, prefixLength: 16, limit: limit) { entry in
            IndexKeys.bigEndianU64(entry.key, at: 16)
        }
    }

    /// One tenant's events recorded at or before `ms`, in log order. The writer never lets
    /// `recordedAt` step back, so the tenant index (which holds it) is in time order too.
    public func readTenant(_ tenant: UUID, recordedUpTo ms: Int64) throws -> [RecordedEvent] {
        let start = IndexKeys.tenant(tenant, position: 0)
        return try readIndexed(index.dbs.tenantIndex, start: start, prefixLength: 16, limit: .max) { entry in
            Int64(bitPattern: IndexKeys.littleEndianU64(entry.value)) <= ms
                ? IndexKeys.bigEndianU64(entry.key, at: 16) : nil
        }
    }

    /// The stream a unique key is reserved for.
    public func lookup(_ key: UniqueKey) throws -> StreamName? {
        try env.read { txn in
            try txn.get(dbs.uniqueKeys, Array(key.rawValue.utf8)).map {
                StreamName(String(decoding: $0, as: UTF8.self))
            }
        }
    }

    /// Walks an index whose keys start with a shared prefix; `position` maps an entry to the
    /// event it points at, or nil to stop. The index snapshot is taken before the log's, so every
    /// entry it holds points at a record the log snapshot has.
    private func readIndexed(
        _ dbi: UInt32, start: [UInt8], prefixLength: Int, limit: Int,
        position: (LMDBCursor.Entry) -> UInt64?
    ) throws -> [RecordedEvent] {
        let prefix = start[0..<prefixLength]
        return try index.env.read { indexTxn in
            try env.read { txn in
                try indexTxn.withCursor(dbi) { cursor in
                    var decoder = RecordedEventDecoder(keyring: keyring)
                    var events: [RecordedEvent] = []
                    var entry = try cursor.seek(atLeast: start)
                    while let current = entry, events.count < limit, current.key.count >= prefixLength,
                        current.key[0..<prefixLength].elementsEqual(prefix), let at = position(current)
                    {
                        guard let value = try txn.get(dbs.events, IndexKeys.position(at)) else {
                            throw EventStoreError.corruptRecord(
                                position: at, reason: "indexed event is missing")
                        }
                        events.append(try decoder.decode(value, at: at))
                        entry = try cursor.next()
                    }
                    return events
                }
            }
        }
    }

    static func check(limit: Int) throws {
        guard limit >= 0 else { throw EventStoreError.invalidField(field: "limit", reason: "negative") }
    }
}
