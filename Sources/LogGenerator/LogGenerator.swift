import Domain
import Foundation

/// A deterministic, streamed event log for tests and benchmarks: tenants, agents,
/// departments, tags, contacts, conversations with inbound and outbound messages of every
/// kind, delivery statuses (some out of order, some before their send), assignments,
/// transfers, closes, ratings and reopenings — every event decided by the Domain's deciders.
///
/// Iterate it; each element is one append at a known stream version. Only conversations in
/// play are kept in memory, so a million events cost little more than a thousand.
public struct LogGenerator: Sequence {
    public let config: GeneratorConfig

    public init(_ config: GeneratorConfig) {
        self.config = config
    }

    public func makeIterator() -> Iterator {
        Iterator(engine: GeneratorEngine(config: config))
    }

    /// Produces the appends one by one.
    public struct Iterator: IteratorProtocol {
        let engine: GeneratorEngine

        public mutating func next() -> GeneratedAppend? { engine.next() }
    }

    /// The HMAC key the generated phone unique keys are made with.
    public static let phoneKeySecret: [UInt8] = Array("chatledger-log-generator".utf8)
}
