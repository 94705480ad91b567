import Domain
import EventStore
import Foundation

/// Reads and decodes the log ahead of the fold that consumes it, on threads of its own: the
/// range is cut into chunks, each reader thread reads and decodes every `readers`-th chunk,
/// and `next()` hands the chunks out in log order. Reading, decoding and folding thus all run
/// at once, on every core.
// @unchecked Sendable: the chunks, the failure and the flags are only touched under `condition`.
final class LogPrefetcher: @unchecked Sendable {
    struct Chunk {
        /// The chunk's events that decode, in log order.
        let decoded: [(EventOrigin, DomainEvent)]
        /// Events read, decodable or not.
        let count: Int
        let last: UInt64
    }

    private let condition = NSCondition()
    private let first: UInt64
    private let target: UInt64
    private let size: UInt64
    private let chunks: Int
    /// How many chunks may wait decoded beyond the one `next()` hands out.
    private let window: Int
    private var ready: [Int: Chunk] = [:]
    private var handedOut = 0
    private var failure: (chunk: Int, error: Error)?
    private var stopping = false
    private var running: Int

    /// Starts reading positions `first…target`, `size` positions per chunk.
    init(store: EventStore, from first: UInt64, through target: UInt64, chunk size: Int, readers: Int) {
        self.first = first
        self.target = target
        self.size = UInt64(max(1, size))
        chunks = target < first ? 0 : Int((target - first) / self.size) + 1
        let readers = max(1, min(readers, chunks))
        window = 2 * readers
        running = readers
        for reader in 0..<readers {
            let thread = Thread { [self] in read(store: store, reader: reader, of: readers) }
            thread.name = "rebuild-reader-\(reader)"
            thread.start()
        }
    }

    /// The next chunk in log order, `nil` after the last; a read error is thrown in its place.
    func next() throws -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while handedOut < chunks {
            if let chunk = ready.removeValue(forKey: handedOut) {
                handedOut += 1
                condition.broadcast()
                return chunk
            }
            if let failure, failure.chunk == handedOut { throw failure.error }
            condition.wait()
        }
        return nil
    }

    /// Stops reading ahead and waits until every reader thread has left.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        ready.removeAll()
        condition.unlock()
    }

    private func read(store: EventStore, reader: Int, of readers: Int) {
        for index in stride(from: reader, to: chunks, by: readers) {
            guard waitForRoom(index) else { break }
            let start = first + UInt64(index) * size
            let end = min(target, start + size - 1)
            do {
                var events = try store.read(from: start, limit: Int(end - start + 1))
                // Positions are dense, so this only guards against reading into the next chunk.
                while let last = events.last, last.position > end { events.removeLast() }
                let chunk = Chunk(
                    decoded: EventDecoder.decode(events, onAllCores: false), count: events.count,
                    last: events.last?.position ?? end)
                condition.lock()
                ready[index] = chunk
                condition.broadcast()
                condition.unlock()
            } catch {
                condition.lock()
                if failure.map({ index < $0.chunk }) ?? true { failure = (index, error) }
                condition.broadcast()
                condition.unlock()
                break
            }
        }
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until chunk `index` is within the window ahead of the consumer; false when stopping
    /// or when an earlier chunk failed.
    private func waitForRoom(_ index: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !stopping && index >= handedOut + window && failure == nil { condition.wait() }
        return !stopping && (failure.map { index < $0.chunk } ?? true)
    }
}
