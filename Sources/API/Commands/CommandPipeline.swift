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
    /// Folded streams, so a load reads and folds only the events appended since.
    let cache: DecodedStreamCache

    /// `cachedStreams` bounds the decoded-stream cache (0 turns it off).
    public init(
        store: EventStore, projection: (any ProjectionProgress)?, projectionTimeout: Double = 5,
        metrics: MetricsRegistry? = nil, cachedStreams: Int = 8192
    ) {
        self.store = store
        self.projection = projection
        self.projectionTimeout = projectionTimeout
        self.metrics = metrics
        self.cache = DecodedStreamCache(capacity: cachedStreams)
    }

    /// Reads and decodes a stream; erased personal parts decode as absent.
    public func load(_ stream: String) throws -> LoadedStream {
        let folded = try fold(stream, as: EventList.self)
        return LoadedStream(name: stream, events: folded.value.events, version: folded.version)
    }

    /// An aggregate's state folded from `stream`; erased personal parts decode as absent.
    public func state<State: Aggregate>(_ stream: String, as type: State.Type) throws -> FoldedStream<State> {
        let folded = try fold(stream, as: Folded<State>.self)
        return FoldedStream(name: stream, state: folded.value.state, version: folded.version)
    }

    /// The stream's current version (0 = no stream), without decoding it.
    public func version(_ stream: String) throws -> UInt64 {
        try store.streamVersion(StreamName(stream))
    }

    /// Folds `stream` into `Fold` and keeps the result cached.
    func fold<Fold: StreamFold>(_ stream: String, as kind: Fold.Type) throws -> CachedFold<Fold> {
        let folded = try take(stream, as: kind)
        putBack(
            stream, value: folded.value, version: folded.version, dataKeys: folded.dataKeys,
            generation: folded.generation)
        return folded
    }

    /// Folds `stream` into `Fold`, taking it out of the cache: the caller may fold more events
    /// into it without copying it, then hand it back with `putBack` (or not, after a failed
    /// append). A cached fold is extended with the events after its cached version only:
    /// streams are append-only, so the result equals a fold of a full read.
    func take<Fold: StreamFold>(_ stream: String, as kind: Fold.Type) throws -> CachedFold<Fold> {
        var folded = takeCached(stream, as: kind)
        let fromVersion = folded.version + 1
        var records = try store.readStream(StreamName(stream), fromVersion: fromVersion)
        if let first = records.first, first.streamVersion != fromVersion {
            // Not contiguous with the cached prefix (never expected): fall back to a full read.
            records = try store.readStream(StreamName(stream))
            folded = CachedFold(value: Fold(), version: 0, dataKeys: [], generation: folded.generation)
        }
        for record in records {
            let personal: [UInt8]?
            switch record.personal {
            case .clear(let bytes):
                personal = bytes
                if let key = record.dataKey { folded.dataKeys.insert(key.rawValue) }
            case .none, .erased: personal = nil
            }
            let event = try DomainCodec.decode(type: record.type, payload: record.payload, personal: personal)
            if case .contactErased(let erased) = event {
                cache.erase(dataKey: DataKeys.contact(erased.contactId))
            }
            folded.value.apply(event)
            folded.version = record.streamVersion
        }
        return folded
    }

    /// Caches `value`, a fold of `stream` through `version` taken in cache `generation` (dropped
    /// when an erasure happened since).
    func putBack(
        _ stream: String, value: any StreamFold, version: UInt64, dataKeys: Set<String>, generation: UInt64
    ) {
        guard version > 0 else { return }
        cache.store(
            stream + type(of: value).cacheKind, value: value, version: version, dataKeys: dataKeys,
            generation: generation)
    }

    /// The cached fold of `stream`, out of the cache (or an empty one).
    private func takeCached<Fold: StreamFold>(_ stream: String, as kind: Fold.Type) -> CachedFold<Fold> {
        let (cached, generation) = cache.take(stream + Fold.cacheKind)
        guard let cached, let value = cached.value as? Fold else {
            return CachedFold(value: Fold(), version: 0, dataKeys: [], generation: generation)
        }
        return CachedFold(
            value: value, version: cached.version, dataKeys: cached.dataKeys, generation: generation)
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
                forgetErasedContacts(in: plan)
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

    /// An appended `ContactErased` is followed by forgetting the contact's data key: drop the
    /// cached streams now so none of their personal parts is served after that.
    private func forgetErasedContacts(in plan: CommandPlan) {
        for planned in plan.streams {
            for item in planned.events {
                if case .contactErased(let erased) = item.event {
                    cache.erase(dataKey: DataKeys.contact(erased.contactId))
                }
            }
        }
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
