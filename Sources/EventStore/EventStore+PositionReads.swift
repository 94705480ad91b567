import Foundation

extension EventStore {
    /// Events with position >= `position`, at most `limit`: durable ones, since a commit is
    /// visible only once it is synced. Safe to call from any thread; calls on several threads
    /// read at once, each in its own snapshot.
    public func read(from position: UInt64, limit: Int) throws -> [RecordedEvent] {
        try Self.check(limit: limit)
        return try env.read { txn in
            try txn.withCursor(dbs.events) { cursor in
                var decoder = RecordedEventDecoder(keyring: keyring)
                var events: [RecordedEvent] = []
                events.reserveCapacity(min(limit, 4096))
                var entry = try cursor.seek(atLeast: IndexKeys.position(max(position, 1)))
                while let current = entry, events.count < limit {
                    let at = IndexKeys.bigEndianU64(current.key, at: 0)
                    events.append(try decoder.decode(current.value, at: at))
                    entry = try cursor.next()
                }
                return events
            }
        }
    }

    /// Reads the events at positions `first...last` in pages of `pageSize`, several pages at once
    /// on `threads` threads, and hands each page to `body` on the thread that read it: the events
    /// of a page in log order, the pages in no particular order and possibly at the same time.
    /// Positions past the end of the log are simply absent: the first page that comes back
    /// short ends the read. Returns once every page was handed over; when
    /// a read or `body` throws, no further page is started and the first error is rethrown.
    public func readConcurrently(
        from first: UInt64, through last: UInt64, pageSize: Int, threads: Int,
        _ body: @Sendable ([RecordedEvent]) throws -> Void
    ) throws {
        guard pageSize > 0 else {
            throw EventStoreError.invalidField(field: "pageSize", reason: "must be positive")
        }
        guard threads > 0 else {
            throw EventStoreError.invalidField(field: "threads", reason: "must be positive")
        }
        let claims = PageClaims(from: max(first, 1), through: last, pageSize: pageSize)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let page = claims.claim() {
                do {
                    let events = try read(from: page.from, limit: page.count)
                    if events.count < page.count { claims.shortPage(from: page.from, count: events.count) }
                    if !events.isEmpty { try body(events) }
                } catch {
                    claims.fail(error)
                }
            }
        }
        if let error = claims.error { throw error }
    }
}
