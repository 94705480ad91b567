import Foundation

/// Sweeps `OpenConnections` on a thread of its own every `interval` seconds until stopped.
// @unchecked: `stopping` and `running` are only touched while `condition` is locked.
final class ConnectionWatchdog: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopping = false
    private var running = true

    init(connections: OpenConnections, interval: Double) {
        let thread = Thread { [self] in
            condition.lock()
            while !stopping {
                _ = condition.wait(until: Date(timeIntervalSinceNow: interval))
                if stopping { break }
                condition.unlock()
                connections.sweep(now: DispatchTime.now().uptimeNanoseconds)
                condition.lock()
            }
            running = false
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "http-watchdog"
        thread.start()
    }

    /// Returns once the thread has finished its last sweep; safe to call more than once.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }
}
