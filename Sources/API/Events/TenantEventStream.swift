import EventStore
import Foundation

/// `GET /api/events` for one client: the tenant's changes after `position`, read from the
/// store's tenant index, as Server-Sent Events whose `id:` is the log position; then new
/// appends as they come, with a heartbeat comment when idle.
// @unchecked Sendable: all mutable state is guarded by `lock`; libmicrohttpd calls `next`
// for one connection on one thread at a time.
final class TenantEventStream: ResponseStream, @unchecked Sendable {
    private let store: EventStore
    private let tenant: UUID
    private let wakeups: StreamWakeups
    private let heartbeat: Double
    private let lock = NSLock()
    /// The last log position already looked at (sent or skipped).
    private var position: UInt64
    private var seenHead: UInt64 = 0
    private var pending: [UInt8]
    private var lastSentAt = Date()
    private var failed = false
    private var contacts = ContactCards()

    init(store: EventStore, tenant: UUID, after position: UInt64, wakeups: StreamWakeups, heartbeat: Double) {
        self.store = store
        self.tenant = tenant
        self.position = position
        self.wakeups = wakeups
        self.heartbeat = heartbeat
        pending = Array("retry: 2000\n: connected\n\n".utf8)
    }

    func next(maxBytes: Int) -> StreamChunk {
        lock.lock()
        defer { lock.unlock() }
        if pending.isEmpty { fill() }
        if pending.isEmpty { return failed ? .end : .wait }
        let count = min(maxBytes, pending.count)
        let chunk = Array(pending[..<count])
        pending.removeFirst(count)
        lastSentAt = Date()
        return .bytes(chunk)
    }

    func waitForMore(wake: @escaping @Sendable () -> Void) {
        lock.lock()
        let head = seenHead
        let due = lastSentAt.addingTimeInterval(heartbeat)
        lock.unlock()
        wakeups.park(self, seenHead: head, heartbeatDue: due, wake: wake)
    }

    func finish() {
        wakeups.leave(self)
    }

    /// Reads the next events of the tenant into `pending`, or a heartbeat when one is due.
    private func fill() {
        do {
            // The head is read first: an append after it wakes the stream again.
            seenHead = try store.head()
            // Batches of events clients do not follow are skipped until something is to send.
            while seenHead > position && pending.isEmpty {
                let events = try store.readTenant(tenant, from: position + 1, limit: 256)
                for event in events {
                    position = event.position
                    if let change = ChangeEvent.from(event, contacts: &contacts, store: store) {
                        pending.append(contentsOf: change.frame(position: event.position).utf8)
                    }
                }
                if events.count < 256 { break }
            }
        } catch {
            // The log is closing or unreadable: end the stream; the client resumes elsewhere.
            failed = true
            return
        }
        if pending.isEmpty, Date().timeIntervalSince(lastSentAt) >= heartbeat {
            pending = Array(": heartbeat\n\n".utf8)
        }
    }
}
