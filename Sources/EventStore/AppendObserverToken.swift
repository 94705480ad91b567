/// Identifies an append observer so it can be removed.
public struct AppendObserverToken: Hashable, Sendable {
    let id: UInt64
}
