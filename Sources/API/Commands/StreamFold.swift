import Domain

/// What `CommandPipeline` folds a stream into and caches by stream version: the decoded
/// events themselves, or an aggregate's state. A cached fold is extended with the events
/// appended since, so loading a stream costs what was appended since it was last loaded,
/// not its whole history.
protocol StreamFold: Sendable {
    /// The fold of an empty stream.
    init()
    /// Folds one more event, in place.
    mutating func apply(_ event: DomainEvent)
    /// Tells this fold's cache entries apart from other folds of the same stream.
    static var cacheKind: String { get }
}

/// A stream's decoded events, in order.
struct EventList: StreamFold {
    var events: [DomainEvent] = []

    mutating func apply(_ event: DomainEvent) { events.append(event) }

    static var cacheKind: String { "" }
}

/// An aggregate's state folded from a stream.
struct Folded<State: Aggregate>: StreamFold {
    var state: State?

    init() {}

    init(_ state: State?) { self.state = state }

    mutating func apply(_ event: DomainEvent) { State.fold(into: &state, event) }

    static var cacheKind: String { "|" + String(describing: State.self) }
}

/// A fold with what the pipeline's cache keeps beside it: the stream version it reflects, the
/// data keys of the personal parts decoded into it, and the cache generation it was read in.
struct CachedFold<Fold: StreamFold> {
    var value: Fold
    var version: UInt64
    var dataKeys: Set<String>
    let generation: UInt64
}
