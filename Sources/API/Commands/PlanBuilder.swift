import Domain
import EventStore
import Foundation

/// Builds one plan from several decisions inside a command attempt (a webhook with several
/// messages for the same contact): each decision sees the streams and keys as the earlier
/// ones left them, and everything lands in one atomic append.
// Not Sendable: lives inside one attempt on one thread.
public final class PlanBuilder {
    private let pipeline: CommandPipeline
    private let tenant: UUID
    private var loaded: [String: LoadedStream] = [:]
    private var pending: [String: [(event: DomainEvent, id: UUID?)]] = [:]
    private var order: [String] = []
    private var keyChanges: [DomainKeyChange] = []
    /// Append-only record streams no decision reads: appended at `.any`, never loaded.
    private var unordered: Set<String> = []
    /// Keys reserved (stream) or released (nil) by earlier decisions of this plan.
    private var keyOverlay: [String: String?] = [:]

    public init(pipeline: CommandPipeline, tenant: UUID) {
        self.pipeline = pipeline
        self.tenant = tenant
    }

    /// The stream holding `key`, counting this plan's own reservations and releases.
    public func lookup(_ key: String) throws -> String? {
        if let overlaid = keyOverlay[key] { return overlaid }
        return try pipeline.lookup(key)
    }

    /// The events of `stream`: stored ones, then those planned so far.
    public func events(of stream: String) throws -> [DomainEvent] {
        try base(stream).events + (pending[stream] ?? []).map(\.event)
    }

    /// Folds `stream` (stored and planned events) with an aggregate's `evolve`.
    public func state<State>(of stream: String, _ evolve: (State?, DomainEvent) -> State?) throws -> State? {
        try events(of: stream).reduce(nil, evolve)
    }

    /// Adds a decision taken on `stream`.
    public func add(_ decision: Decision, on stream: String) throws {
        try append(decision.events, to: stream)
        for other in decision.otherStreams { try append(other.events, to: other.stream) }
        addKeys(decision.keyChanges)
    }

    /// Adds a decision spanning several streams (inbound routing).
    public func add(_ decision: MultiStreamDecision) throws {
        for stream in decision.streams { try append(stream.events, to: stream.stream) }
        addKeys(decision.keyChanges)
    }

    /// Adds events that are not the outcome of a decider (the raw webhook record).
    public func add(_ events: [DecidedEvent], to stream: String) throws {
        try append(events, to: stream)
    }

    /// Adds events to an append-only record stream no decision reads (the tenant's raw
    /// webhooks): appended at any version, so concurrent deliveries do not conflict on it and
    /// the stream is not read.
    public func record(_ events: [DecidedEvent], to stream: String) {
        guard !events.isEmpty else { return }
        if pending[stream] == nil {
            pending[stream] = []
            order.append(stream)
            unordered.insert(stream)
        }
        pending[stream]! += events.map { ($0.event, $0.id) }
    }

    /// The plan: every touched stream at the version it was loaded at.
    public var plan: CommandPlan {
        CommandPlan(
            streams: order.map { stream in
                PlannedStream(
                    tenant: tenant, stream: stream,
                    expectedVersion: unordered.contains(stream) ? .any : loaded[stream]!.expectedVersion,
                    events: pending[stream] ?? [])
            }, keyChanges: keyChanges)
    }

    private func base(_ stream: String) throws -> LoadedStream {
        if let stream = loaded[stream] { return stream }
        let stored = try pipeline.load(stream)
        loaded[stream] = stored
        return stored
    }

    private func append(_ events: [DecidedEvent], to stream: String) throws {
        guard !events.isEmpty else { return }
        _ = try base(stream)
        if pending[stream] == nil {
            pending[stream] = []
            order.append(stream)
        }
        pending[stream]! += events.map { ($0.event, $0.id) }
    }

    private func addKeys(_ changes: [DomainKeyChange]) {
        keyChanges += changes
        for change in changes {
            switch change {
            case .reserve(let key, let stream): keyOverlay[key] = .some(stream)
            case .release(let key, _): keyOverlay[key] = .some(nil)
            }
        }
    }
}
