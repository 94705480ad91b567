import Foundation

/// The highest durable position, with waiters and observers told after every commit.
final class DurableHead: @unchecked Sendable {  // all state is guarded by `condition`
    private let condition = NSCondition()
    private var value: UInt64
    /// The highest position this process committed, synced or not.
    private var committedHead: UInt64
    private var observers: [UInt64: @Sendable (UInt64) -> Void] = [:]
    private var nextObserver: UInt64 = 0

    init(_ value: UInt64) {
        self.value = value
        committedHead = value
    }

    /// The writer committed through `head`; it becomes durable at the next `publish`.
    func committed(_ head: UInt64) {
        condition.lock()
        committedHead = max(committedHead, head)
        condition.unlock()
    }

    /// The last position a read may return: this process's own commits are hidden until they
    /// are synced (a machine crash could still take them back); what another process committed
    /// to the same log is visible as LMDB shows it.
    var readable: UInt64 {
        condition.lock()
        defer { condition.unlock() }
        return committedHead > value ? value : .max
    }

    var current: UInt64 {
        condition.lock()
        defer { condition.unlock() }
        return value
    }

    func publish(_ head: UInt64) {
        condition.lock()
        if head > value { value = head }
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
