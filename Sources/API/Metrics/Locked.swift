import Foundation

/// A value behind a pthread mutex. The metrics are updated by every HTTP thread on every
/// request; under that contention on two cores the standard library's `Mutex` spent a fifth of
/// the server's CPU spinning in its slow path, where a pthread mutex puts the waiter to sleep.
final class Locked<Value>: @unchecked Sendable {  // `value` is only touched under `lock`
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
