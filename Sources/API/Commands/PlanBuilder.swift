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
    /// The version each touched stream was loaded at: the plan appends there.
    private var loaded: [String: UInt64] = [:]
    private var pending: [String: [(event: DomainEvent, id: UUID?)]] = [:]
    private var order: [String] = []
    private var keyChanges: [DomainKeyChange] = []
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

    /// The aggregate folded from `stream`: its stored events, then those planned so far.
    public func state<State: Aggregate>(of stream: String, as type: State.Type) throws -> State? {
        let stored = try pipeline.state(stream, as: type)
        if loaded[stream] == nil { loaded[stream] = stored.version }
        var state = stored.state
        for item in pending[stream] ?? [] { State.fold(into: &state, item.event) }
        return state
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

    /// The plan: every touched stream at the version it was loaded at.
    public var plan: CommandPlan {
        CommandPlan(
            streams: order.map { stream in
                PlannedStream(
                    tenant: tenant, stream: stream,
                    expectedVersion: ExpectedVersion(afterReading: loaded[stream]!),
                    events: pending[stream] ?? [])
            }, keyChanges: keyChanges)
    }

    private func loadVersion(_ stream: String) throws {
        if loaded[stream] == nil { loaded[stream] = try pipeline.version(stream) }
    }

    private func append(_ events: [DecidedEvent], to stream: String) throws {
        guard !events.isEmpty else { return }
        try loadVersion(stream)
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
