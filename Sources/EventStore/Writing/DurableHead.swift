import Foundation

/// The highest durable position, with waiters and observers told after every commit.
final class DurableHead: @unchecked Sendable {  // all state is guarded by `condition`
    private let condition = NSCondition()
    private var value: UInt64
    private var observers: [UInt64: @Sendable (UInt64) -> Void] = [:]
    private var nextObserver: UInt64 = 0

    init(_ value: UInt64) {
        self.value = value
    }

    var current: UInt64 {
        condition.lock()
        defer { condition.unlock() }
        return value
    }

    /// A batch committed through `head`; a batch that wrote nothing tells no one.
    func publish(_ head: UInt64) {
        condition.lock()
        guard head > value else {
            condition.unlock()
            return
        }
        value = head
        condition.broadcast()
        let toldObservers = Array(observers.values)
        condition.unlock()
        for observer in toldObservers { observer(head) }
    }

    /// Blocks on the condition (no polling) until the head passes `position` or time runs out.
    func wait(above position: UInt64, timeout: Double) -> UInt64 {
        let deadline = Date(timeIntervalSinceNow: max(0, timeout))
        condition.lock()
        defer { condition.unlock() }
        while value <= position {
            if !condition.wait(until: deadline) { break }
        }
        return value
    }

    func add(_ observer: @escaping @Sendable (UInt64) -> Void) -> UInt64 {
        condition.lock()
        defer { condition.unlock() }
        nextObserver += 1
        observers[nextObserver] = observer
        return nextObserver
    }

    func remove(_ id: UInt64) {
        condition.lock()
        observers[id] = nil
        condition.unlock()
    }
}
