import Foundation

/// SIGINT/SIGTERM handling without signal handlers: block them before any thread starts
/// (threads inherit the mask), then `wait` for one in the main thread.
enum ShutdownSignal {
    private static func signals() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        return set
    }

    static func block() {
        var set = signals()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    static func wait() {
        var set = signals()
        var received: Int32 = 0
        sigwait(&set, &received)
    }
}
