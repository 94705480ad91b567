import EventStore
import Foundation

/// The tenant's log as Server-Sent Events: `id:` is the log position (so `Last-Event-ID`
/// resumes with no gap and no duplicate), `event:` the seed 001 socket event name.
///
/// The stream runs on its connection's own server thread. `next()` never waits longer than
/// `longestWait`: an idle stream hands back an empty comment line and is asked again, so a
/// stopping server (which waits for its connection threads) waits at most that.
// @unchecked Sendable: `position`, `started` and `keepAliveDue` are touched only by the
// connection's thread, one `next()` at a time.
final class TenantEventStream: ResponseStream, @unchecked Sendable {
    private static let longestWait = 0.2
    private let store: EventStore
    private let tenant: UUID
    private let keepAliveSeconds: Double
    private var position: UInt64
    private var started = false
    private var keepAliveDue: Date
    private var contacts = ContactCards()

    init(store: EventStore, tenant: UUID, after position: UInt64, keepAliveSeconds: Double) {
        self.store = store
        self.tenant = tenant
        self.position = position
        self.keepAliveSeconds = keepAliveSeconds
        keepAliveDue = Date().addingTimeInterval(keepAliveSeconds)
    }

    func next() -> [UInt8] {
        if !started {
            started = true
            return Array("retry: 1000\n\n".utf8)
        }
        let deadline = Date().addingTimeInterval(Self.longestWait)
        do {
            while true {
                let head = try store.head()
                let batch = try store.readTenant(tenant, from: position + 1, limit: 500)
                var text = ""
                for record in batch {
                    position = record.position
                    text += render(record) ?? ""
                }
                if !text.isEmpty {
                    keepAliveDue = Date().addingTimeInterval(keepAliveSeconds)
                    return Array(text.utf8)
                }
                if !batch.isEmpty { continue }
                // A named comment keeps proxies from closing the idle stream and shows a gone
                // client (the write fails) within one interval.
                if keepAliveDue.timeIntervalSinceNow <= 0 {
                    keepAliveDue = Date().addingTimeInterval(keepAliveSeconds)
                    return Array(": keep-alive\n\n".utf8)
                }
                let remaining = min(deadline.timeIntervalSinceNow, keepAliveDue.timeIntervalSinceNow)
                // Nothing yet: let the server see whether it is stopping.
                if remaining <= 0 { return Array(":\n\n".utf8) }
                _ = store.waitForHead(above: head, timeout: remaining)
            }
        } catch {
            return []
        }
    }

    /// One SSE message for the events clients subscribe to, shaped as the seed 001 socket
    /// event (plus the log `type`); nil for the others.
    func render(_ record: RecordedEvent) -> String? {
        guard let change = ChangeEvent.from(record, contacts: &contacts, store: store) else { return nil }
        var data = change.data
        if case .object(var fields) = data {
            fields["type"] = .string(record.type)
            data = .object(fields)
        }
        return "id: \(record.position)\nevent: \(change.name)\ndata: \(data.serialized())\n\n"
    }
}
