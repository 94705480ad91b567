extension LMDBTransaction {
    /// A stream's version is the version in its last stream-index key (0 when it has none).
    func streamVersion(_ name: [UInt8], in dbs: IndexDatabases) throws -> UInt64 {
        let prefixLength = IndexKeys.streamPrefixLength(name)
        let beyond = IndexKeys.stream(name, version: .max)
        return try withCursor(dbs.streamIndex) { cursor in
            let last = try cursor.seek(atLeast: beyond) != nil ? try cursor.previous() : try cursor.last()
            guard let last, last.key.count == prefixLength + 8,
                last.key[0..<prefixLength].elementsEqual(beyond[0..<prefixLength])
            else { return 0 }
            return IndexKeys.bigEndianU64(last.key, at: prefixLength)
        }
    }
}
