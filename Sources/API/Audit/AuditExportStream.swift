import EventStore
import Foundation

/// `GET /api/audit/events` body: the tenant's events as NDJSON, read from the tenant index
/// in batches as the client consumes them, so a large log is never held in memory.
// @unchecked Sendable: mutable state is guarded by `lock`.
final class AuditExportStream: ResponseStream, @unchecked Sendable {
    struct Selection: Sendable {
        var fromPosition: UInt64 = 1
        var toPosition: UInt64 = .max
        var fromTime: Int64?
        var toTime: Int64?
        var type: String?
        var stream: String?
    }

    private let store: EventStore
    private let tenant: UUID
    private let selection: Selection
    private let lock = NSLock()
    private var next: UInt64
    private var pending: [UInt8] = []
    private var done = false

    init(store: EventStore, tenant: UUID, selection: Selection) {
        self.store = store
        self.tenant = tenant
        self.selection = selection
        next = max(selection.fromPosition, 1)
    }

    func next(maxBytes: Int) -> StreamChunk {
        lock.lock()
        defer { lock.unlock() }
        while pending.isEmpty && !done { fill() }
        if pending.isEmpty { return .end }
        let count = min(maxBytes, pending.count)
        let chunk = Array(pending[..<count])
        pending.removeFirst(count)
        return .bytes(chunk)
    }

    func waitForMore(wake: @escaping @Sendable () -> Void) {
        wake()
    }

    func finish() {}

    private func fill() {
        guard let events = try? store.readTenant(tenant, from: next, limit: 512), !events.isEmpty else {
            done = true
            return
        }
        for event in events {
            if event.position > selection.toPosition {
                done = true
                return
            }
            next = event.position + 1
            if matches(event) { pending.append(contentsOf: (AuditRecord.json(event) + "\n").utf8) }
        }
    }

    private func matches(_ event: RecordedEvent) -> Bool {
        if let from = selection.fromTime, event.recordedAt < from { return false }
        if let to = selection.toTime, event.recordedAt > to { return false }
        if let type = selection.type, event.type != type, !event.type.hasPrefix(type + ".") { return false }
        if let stream = selection.stream, event.stream.rawValue != stream { return false }
        return true
    }
}
