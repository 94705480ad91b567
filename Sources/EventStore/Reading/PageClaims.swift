import Foundation

/// Hands out the pages of a position range to the threads reading it, one at a time; stops at
/// the end of the log once a page comes back short, and keeps the first error so every thread
/// stops claiming once one has failed.
final class PageClaims: @unchecked Sendable {  // `last`, `next` and `failure` are only touched under `lock`
    private let lock = NSLock()
    private let first: UInt64
    private var last: UInt64
    private let pageSize: UInt64
    private var next: UInt64
    private var failure: Error?

    init(from first: UInt64, through last: UInt64, pageSize: Int) {
        self.first = first
        self.last = last
        self.pageSize = UInt64(pageSize)
        next = first
    }

    /// The next page's first position and size, or nil when all are taken or a thread failed.
    func claim() -> (from: UInt64, count: Int)? {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil, next <= last, next >= first else { return nil }
        let from = next
        let count = min(pageSize, last - from + 1)
        // `last` may be UInt64.max: stop instead of wrapping around.
        let (after, overflow) = from.addingReportingOverflow(count)
        next = overflow ? 0 : after
        return (from, Int(count))
    }

    /// A page from `from` held only `count` events: positions are dense, so the log ends there.
    func shortPage(from: UInt64, count: Int) {
        lock.lock()
        defer { lock.unlock() }
        last = min(last, from + UInt64(count) - 1)
    }

    func fail(_ error: Error) {
        lock.lock()
        defer { lock.unlock() }
        if failure == nil { failure = error }
    }

    var error: Error? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }
}
