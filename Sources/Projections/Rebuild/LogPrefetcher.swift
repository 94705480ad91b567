import Domain
import EventStore
import Foundation

/// Reads the log in chunks and decodes them on a thread of its own, a few chunks ahead of the
/// fold that consumes them, so that reading and decoding overlap with folding.
// @unchecked Sendable: the queue of chunks and the flags are only touched under `condition`.
final class LogPrefetcher: @unchecked Sendable {
    struct Chunk {
        /// The chunk's events that decode, in log order.
        let decoded: [(EventOrigin, DomainEvent)]
        /// Events read, decodable or not.
        let count: Int
        let last: UInt64
    }

    private let condition = NSCondition()
    private var ready: [Chunk] = []
    private var failure: Error?
    private var stopping = false
    private var finished = false

    /// Starts reading positions `from…through`, `chunk` events per read, at most `depth` decoded
    /// chunks ahead of `next()`.
    init(store: EventStore, from first: UInt64, through target: UInt64, chunk: Int, depth: Int = 2) {
        let thread = Thread { [self] in
            run(store: store, from: first, through: target, chunk: max(1, chunk), depth: max(1, depth))
        }
        thread.name = "rebuild-reader"
        thread.start()
    }

    /// The next chunk in log order, `nil` after the last; a read error is thrown once the
    /// chunks before it have been handed out.
    func next() throws -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished { condition.wait() }
        if !ready.isEmpty {
            condition.broadcast()
            return ready.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops reading ahead and waits until the reading thread has left.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        ready.removeAll()
        condition.unlock()
    }

    private func run(store: EventStore, from first: UInt64, through target: UInt64, chunk: Int, depth: Int) {
        var position = first
        do {
            while position <= target, !isStopping {
                let events = try store.read(from: position, limit: min(chunk, Int(target - position + 1)))
                guard let last = events.last else { break }
                let decoded = EventDecoder.decode(events)
                condition.lock()
                while ready.count >= depth && !stopping { condition.wait() }
                ready.append(Chunk(decoded: decoded, count: events.count, last: last.position))
                condition.broadcast()
                condition.unlock()
                position = last.position + 1
            }
        } catch {
            condition.lock()
            failure = error
            condition.unlock()
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }
}
