import Foundation

/// Serializes work on the same keys within this process: a fixed set of mutexes, each key
/// hashed to one. Work that takes several keys locks their mutexes in index order, so two
/// callers can never wait for each other.
///
/// Webhooks for one contact all append to the same conversation stream: deciding them one at
/// a time turns what would be a version conflict (and a retry on fresh state) into a short
/// wait, while webhooks for other contacts go on in parallel and share group commits.
public final class KeyedLocks: Sendable {
    private let locks: [NSLock]

    public init(count: Int = 4096) {
        locks = (0..<max(count, 1)).map { _ in NSLock() }
    }

    /// Runs `body` holding the locks of every key in `keys`.
    public func withLocks<Result>(_ keys: some Sequence<String>, _ body: () throws -> Result) rethrows
        -> Result
    {
        var indexes = Set<Int>()
        for key in keys { indexes.insert(Int(UInt(bitPattern: key.hashValue) % UInt(locks.count))) }
        let ordered = indexes.sorted()
        for index in ordered { locks[index].lock() }
        defer { for index in ordered.reversed() { locks[index].unlock() } }
        return try body()
    }
}
