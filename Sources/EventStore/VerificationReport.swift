import Foundation

/// The outcome of recomputing one tenant's hash chain.
public struct VerificationReport: Sendable, Equatable {
    public var tenant: UUID
    public var eventsChecked: Int
    /// The first position whose stored hash does not match the recomputed one.
    public var firstBrokenPosition: UInt64?

    /// True when every link of the chain matched.
    public var isIntact: Bool { firstBrokenPosition == nil }
}
