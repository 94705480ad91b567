import Foundation

/// Counts the transactions this process has open so the map can be resized only when none is:
/// `mdb_env_set_mapsize` requires that no transaction of the process is active.
final class TransactionGate: @unchecked Sendable {  // all state is guarded by `condition`
    private let condition = NSCondition()
    private var active = 0
    private var resizing = false

    func enter() {
        condition.lock()
        while resizing { condition.wait() }
        active += 1
        condition.unlock()
    }

    func leave() {
        condition.lock()
        active -= 1
        if active == 0 { condition.broadcast() }
        condition.unlock()
    }

    /// Runs `body` while no transaction is open and new ones wait.
    func exclusive<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        while resizing { condition.wait() }
        resizing = true
        while active > 0 { condition.wait() }
        condition.unlock()
        defer {
            condition.lock()
            resizing = false
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }
}
