import Domain
import EventStore
import Foundation

/// Tails the event log into the active read-model schema.
///
/// Each batch of events and the checkpoint are written in one PostgreSQL transaction, so a
/// crash at any point neither loses nor doubles an event's effect. Batches take every event
/// available (up to `batchLimit`), so they grow under load; when idle the projector sleeps on
/// the store's append signal. While PostgreSQL is down it retries with exponential backoff.
///
/// One tenant's event can never stop the others: when PostgreSQL refuses a batch's data
/// (`DatabaseError.refusesData`; an outage or a conflict is retried as before), the batch is
/// halved until the event it refuses is alone; that event's tenant is then held
/// (`ProjectionHold`, stored with the checkpoint) and the projection goes on without its
/// events. A held tenant is retried by rebuilding it from the log, at growing intervals, and
/// `holds` says which are held (`/ready`, metrics, logs).
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
    /// Events per batch now: `batchLimit`, halved while a batch is refused.
    private var limit: Int
    private var held: [ProjectionHold] = []
    private var nextHoldRetry: [UUID: Date] = [:]
    private let onHold: (@Sendable (ProjectionHold) -> Void)?
    private let holdRetrySeconds: Double

    /// `onHold` is called (on the projection thread) when a tenant is held; a held tenant is
    /// retried `holdRetrySeconds` later, then at doubling intervals up to an hour.
    public init(
        store: EventStore, database: Database, batchLimit: Int = 10_000, holdRetrySeconds: Double = 30,
        onHold: (@Sendable (ProjectionHold) -> Void)? = nil
    ) {
        self.holdRetrySeconds = holdRetrySeconds
        self.store = store
        self.database = database
        self.batchLimit = max(1, batchLimit)
        self.limit = max(1, batchLimit)
        self.onHold = onHold
    }

    /// The tenants held out of the projection (as of the last batch).
    public var holds: [ProjectionHold] {
        condition.lock()
        defer { condition.unlock() }
        return held
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
                try retryHolds()
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

    /// One transaction: read pointer + checkpoint, apply the next events (but those of held
    /// tenants), move the checkpoint. A refused batch is halved; a refused single event holds
    /// its tenant.
    private func step() throws -> (count: Int, reached: UInt64) {
        let result: (Int, UInt64)
        do {
            result = try database.withConnection { try project($0, limit: limit) }
            limit = batchLimit
        } catch let error as DatabaseError where error.refusesData {
            guard limit == 1 else {
                limit = max(1, limit / 2)
                return (1, position)
            }
            result = try database.withConnection { try hold($0, error: error) }
            limit = batchLimit
        }
        condition.lock()
        published = result.1
        failure = nil
        condition.broadcast()
        condition.unlock()
        return result
    }

    private func project(_ connection: Connection, limit: Int) throws -> (Int, UInt64) {
        try connection.transaction { tx -> (Int, UInt64) in
            let schema = try ReadModel.activeSchema(on: tx, lock: true)
            let writer = ProjectionWriter(schema: schema, connection: tx)
            let checkpoint = try writer.lockCheckpoint()
            let holds = try writer.holds()
            publish(holds)
            let events = try store.read(from: checkpoint + 1, limit: limit)
            guard let last = events.last else { return (0, checkpoint) }
            let heldTenants = Set(holds.map(\.tenant))
            state.clear()
            defer { state.clear() }
            let decoded = EventDecoder.decode(
                heldTenants.isEmpty ? events : events.filter { !heldTenants.contains($0.tenant) })
            try writer.load(decoded, into: state)
            for (recorded, event) in decoded { state.apply(event, recorded: recorded) }
            try writer.upsert(state)
            try writer.setCheckpoint(last.position)
            return (events.count, last.position)
        }
    }

    /// The next event was refused alone: hold its tenant from there and move past it.
    private func hold(_ connection: Connection, error: DatabaseError) throws -> (Int, UInt64) {
        try connection.transaction { tx -> (Int, UInt64) in
            let schema = try ReadModel.activeSchema(on: tx, lock: true)
            let writer = ProjectionWriter(schema: schema, connection: tx)
            let checkpoint = try writer.lockCheckpoint()
            guard let event = try store.read(from: checkpoint + 1, limit: 1).first else {
                return (0, checkpoint)
            }
            try writer.hold(event.tenant, from: event.position, error: error.description)
            try writer.setCheckpoint(event.position)
            let holds = try writer.holds()
            publish(holds)
            if let hold = holds.first(where: { $0.tenant == event.tenant }) {
                nextHoldRetry[event.tenant] = Date().addingTimeInterval(
                    retryDelay(attempts: hold.attempts))
                onHold?(hold)
            }
            return (1, event.position)
        }
    }

    /// Rebuilds each held tenant whose retry is due; a rebuild that succeeds lifts the hold.
    private func retryHolds() throws {
        let due = holds.filter { (nextHoldRetry[$0.tenant] ?? .distantPast) <= Date() }
        for hold in due {
            do {
                try Rebuilder(store: store, database: database).rebuildTenant(hold.tenant)
                nextHoldRetry[hold.tenant] = nil
            } catch let error as DatabaseError where error.refusesData {
                try database.transaction { tx in
                    let schema = try ReadModel.activeSchema(on: tx, lock: false)
                    try ProjectionWriter(schema: schema, connection: tx).recordHoldFailure(
                        hold.tenant, error: error.description)
                }
                nextHoldRetry[hold.tenant] = Date().addingTimeInterval(
                    retryDelay(attempts: hold.attempts + 1))
            }
        }
        // The next batch reads the holds again and publishes them.
    }

    /// `holdRetrySeconds` after the first failure, doubling up to an hour.
    private func retryDelay(attempts: Int) -> Double {
        min(3600, holdRetrySeconds * pow(2, Double(min(max(attempts - 1, 0), 7))))
    }

    private func publish(_ holds: [ProjectionHold]) {
        condition.lock()
        held = holds
        condition.unlock()
    }
}
