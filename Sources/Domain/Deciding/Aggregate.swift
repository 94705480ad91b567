import Foundation

/// A state folded from one stream's events (`nil` before the stream's first event).
///
/// `fold(into:_:)` folds one event in place, so a long stream folds in time linear in its
/// length: a state holding a large table (a conversation's messages) must not be copied per
/// event, which `reduce` with `evolve` would do.
public protocol Aggregate: Sendable {
    /// Folds one event; events of other aggregates leave the state unchanged.
    static func evolve(_ state: Self?, _ event: DomainEvent) -> Self?

    /// Folds one event into `state` in place.
    static func fold(into state: inout Self?, _ event: DomainEvent)
}

extension Aggregate {
    public static func fold(into state: inout Self?, _ event: DomainEvent) {
        state = evolve(state, event)
    }

    /// Folds a whole stream.
    public static func fold(_ events: some Sequence<DomainEvent>) -> Self? {
        var state: Self?
        for event in events { fold(into: &state, event) }
        return state
    }
}
