import Domain
import EventStore
import Foundation

/// Tails the event log into the active read-model schema.
///
/// Each batch of events and the checkpoint are written in one PostgreSQL transaction, so a
/// crash at any point neither loses nor doubles an event's effect. Batches take every event
/// available (up to `batchLimit`), so they grow under load; when idle the projector sleeps on
/// the store's append signal. While PostgreSQL is down it retries with exponential backoff.
// @unchecked Sendable: mutable state is guarded by `condition`; the projection thread alone
// touches `state`.
public final class Projector: @unchecked Sendable {
    private let store: EventStore
    private let database: Database
    private let batchLimit: Int
    private let condition = NSCondition()
    private var running = false
    private var thread: Thread?
    private var published: UInt64 = 0
    private var failure: Error?
    private var finished = true
    private let state = ProjectionState()

    public init(store: EventStore, database: Database, batchLimit: Int = 10_000) {
        self.store = store
        self.database = database
        self.batchLimit = max(1, batchLimit)
    }

    /// The last log position whose effects are committed (as last seen by this projector).
    public var position: UInt64 {
        condition.lock()
        defer { condition.unlock() }
        return published
    }

    /// The last error met (PostgreSQL down, …); `nil` after a successful batch.
    public var lastError: Error? {
        condition.lock()
        defer { condition.unlock() }
        return failure
    }

    /// Starts the projection thread (no-op when running).
    public func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !running else { return }
        running = true
        finished = false
        let thread = Thread { [self] in loop() }
        thread.name = "projector"
        thread.start()
        self.thread = thread
    }

    /// Stops the projection thread and waits until it has left its loop (a batch in flight
    /// either commits or rolls back first).
    public func stop() {
        condition.lock()
        running = false
        condition.broadcast()
        while !finished { condition.wait() }
        thread = nil
        condition.unlock()
    }

    /// Waits until the projection has reached `target` (read-your-writes). Returns false on
    /// timeout.
    public func waitUntil(position target: UInt64, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while published < target {
            if !condition.wait(until: deadline) { return published >= target }
        }
        return true
    }

    /// Projects the events available now, batch after batch, until caught up with the head
    /// seen at the start. Returns the number of events applied. (Used without `start()` by
    /// tools and tests.)
    @discardableResult
    public func catchUp() throws -> Int {
        let head = try store.head()
        var applied = 0
        while true {
            let (count, reached) = try step()
            applied += count
            if count == 0 || reached >= head { return applied }
        }
    }

    private func loop() {
        var backoff = 0.05
        while isRunning {
            do {
                let (count, reached) = try step()
                backoff = 0.05
                if count == 0 {
                    // Wakes on append; the timeout only bounds how long `stop()` waits.
                    _ = store.waitForHead(above: reached, timeout: 0.25)
                }
            } catch {
                condition.lock()
                failure = error
                if running { _ = condition.wait(until: Date().addingTimeInterval(backoff)) }
                condition.unlock()
                backoff = min(backoff * 2, 2)
            }
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private var isRunning: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running
    }

    /// One transaction: read pointer + checkpoint, apply the next events, move the checkpoint.
    private func step() throws -> (count: Int, reached: UInt64) {
        let result = try database.withConnection { connection in
            try connection.transaction { tx -> (Int, UInt64) in
                let schema = try ReadModel.activeSchema(on: tx, lock: true)
                let writer = ProjectionWriter(schema: schema, connection: tx)
                let checkpoint = try writer.lockCheckpoint()
                let events = try store.read(from: checkpoint + 1, limit: batchLimit)
                guard let last = events.last else { return (0, checkpoint) }
                state.clear()
                defer { state.clear() }
                let decoded = EventDecoder.decode(events)
                try writer.load(decoded, into: state)
                for (recorded, event) in decoded { state.apply(event, recorded: recorded) }
                try writer.upsert(state)
                try writer.setCheckpoint(last.position)
                return (events.count, last.position)
            }
        }
        condition.lock()
        published = result.1
        failure = nil
        condition.broadcast()
        condition.unlock()
        return result
    }
}
