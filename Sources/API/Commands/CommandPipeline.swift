import Domain
import EventStore
import Foundation

/// Runs commands the event-sourced way: load → fold → decide (inside `attempt`) → encode →
/// append at the loaded versions with the unique keys → retry on a concurrent change.
public final class CommandPipeline: Sendable {
    public let store: EventStore
    public let projection: (any ProjectionProgress)?
    /// Seconds a command waits for the read models to include its events.
    public let projectionTimeout: Double
    private let maxAttempts = 8
    private let metrics: MetricsRegistry?

    public init(
        store: EventStore, projection: (any ProjectionProgress)?, projectionTimeout: Double = 5,
        metrics: MetricsRegistry? = nil
    ) {
        self.store = store
        self.projection = projection
        self.projectionTimeout = projectionTimeout
        self.metrics = metrics
    }

    /// Reads and decodes a stream; erased personal parts decode as absent.
    public func load(_ stream: String) throws -> LoadedStream {
        let records = try store.readStream(StreamName(stream))
        let events = try records.map { record -> DomainEvent in
            let personal: [UInt8]?
            switch record.personal {
            case .clear(let bytes): personal = bytes
            case .none, .erased: personal = nil
            }
            return try DomainCodec.decode(type: record.type, payload: record.payload, personal: personal)
        }
        return LoadedStream(name: stream, events: events, version: records.last?.streamVersion ?? 0)
    }

    /// The stream holding a unique key, if any.
    public func lookup(_ key: String) throws -> String? {
        try store.lookup(UniqueKey(key))?.rawValue
    }

    /// Runs `attempt` and appends its plan; a concurrent append to one of its streams makes
    /// it run again on fresh state. Errors thrown by `attempt` (domain rules) pass through.
    ///
    /// With `retryOnKeyConflict`, a unique key taken meanwhile also makes it run again: routing
    /// code (webhooks) then finds the key's new holder, e.g. the contact another delivery
    /// just registered, instead of failing.
    public func execute(
        _ context: CommandContext, retryOnKeyConflict: Bool = false, _ attempt: () throws -> CommandPlan
    ) throws -> CommandOutcome {
        var attempts = 0
        while true {
            attempts += 1
            let plan = try attempt()
            if plan.isEmpty { return CommandOutcome(head: try store.head(), positions: [], duplicate: true) }
            do {
                let result = try store.append(try request(for: plan, context: context))
                metrics?.counter("commands_appended_total", help: "Commands that appended events").increment()
                return CommandOutcome(
                    head: result.head, positions: result.positions, duplicate: result.duplicate)
            } catch EventStoreError.wrongExpectedVersion where attempts < maxAttempts {
                metrics?.counter("command_retries_total", help: "Commands retried after a concurrent change")
                    .increment()
                continue
            } catch EventStoreError.uniqueKeyTaken where retryOnKeyConflict && attempts < maxAttempts {
                metrics?.counter("command_retries_total", help: "Commands retried after a concurrent change")
                    .increment()
                continue
            }
        }
    }

    /// Waits for the read models to include `outcome`; false after the timeout.
    public func waitForProjection(_ outcome: CommandOutcome) -> Bool {
        waitForProjection(position: outcome.head)
    }

    /// Waits for the read models to include `position`; false after the timeout (or when no
    /// projector runs in this process).
    public func waitForProjection(position: UInt64) -> Bool {
        guard let projection else { return false }
        return projection.waitUntil(position: position, timeout: projectionTimeout)
    }

    private func request(for plan: CommandPlan, context: CommandContext) throws -> AppendRequest {
        let streams = try plan.streams.filter { !$0.events.isEmpty }.map { planned in
            StreamAppend(
                tenant: planned.tenant, stream: StreamName(planned.stream),
                expectedVersion: planned.expectedVersion,
                events: try planned.events.map { item in
                    let encoded = try DomainCodec.encode(item.event)
                    return NewEvent(
                        id: item.id ?? UUIDv7.generate(), type: encoded.type, occurredAt: context.now,
                        metadata: context.metadata, payload: encoded.payload, personal: encoded.personal,
                        dataKey: encoded.dataKey.map { DataKeyID($0) })
                })
        }
        let keys = plan.keyChanges.map { change -> KeyChange in
            switch change {
            case .reserve(let key, let stream): return .reserve(UniqueKey(key), StreamName(stream))
            case .release(let key, let stream): return .release(UniqueKey(key), StreamName(stream))
            }
        }
        return AppendRequest(streams: streams, keys: keys)
    }
}

/// The result of a command's append.
public struct CommandOutcome: Sendable, Equatable {
    /// The log head after the append: what `X-Log-Position` reports and reads wait for.
    public let head: UInt64
    public let positions: [UInt64]
    /// Nothing new was written (an idempotent repeat).
    public let duplicate: Bool
}
