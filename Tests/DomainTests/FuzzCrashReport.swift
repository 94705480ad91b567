#if os(Linux)
    import Glibc

    /// A trap kills the test process before any `Issue` is recorded, and a hang never ends it.
    /// While armed, a trap or fault (SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE) or an alarm
    /// (no progress for `hangSeconds`) first writes the body being translated, with the seed
    /// and iteration that replay it, to stderr; a fault then goes on to the handler that was
    /// installed before (the runtime's backtrace), an alarm ends the process.
    enum FuzzCrashReport {
        static let hangSeconds: UInt32 = 10
        private static let capacity = 512 * 1024
        private static let faults = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE]

        // Written only by the fuzzing thread between calls, read only by the signal handler on
        // that same thread (or by the alarm, after that thread stopped making progress).
        nonisolated(unsafe) private static let report = UnsafeMutablePointer<UInt8>.allocate(
            capacity: capacity)
        nonisolated(unsafe) private static var reportLength = 0
        nonisolated(unsafe) private static let previous = UnsafeMutablePointer<sigaction>.allocate(
            capacity: 64)

        static func arm() {
            for signal in faults + [SIGALRM] {
                var action = sigaction()
                action.__sigaction_handler.sa_handler = { signal in
                    _ = write(2, FuzzCrashReport.report, FuzzCrashReport.reportLength)
                    if signal == SIGALRM {
                        Glibc.signal(SIGALRM, SIG_DFL)
                        raise(SIGALRM)
                    } else {
                        // Returning re-runs the faulting instruction under the previous handler.
                        sigaction(signal, FuzzCrashReport.previous + Int(signal), nil)
                    }
                }
                sigemptyset(&action.sa_mask)
                sigaction(signal, &action, previous + Int(signal))
            }
        }

        static func disarm() {
            alarm(0)
            for signal in faults + [SIGALRM] { sigaction(signal, previous + Int(signal), nil) }
        }

        /// Records what is about to be translated and restarts the hang alarm.
        static func set(header: String, body: [UInt8]) {
            let headerBytes = Array(header.utf8)
            let bodyCount = min(body.count, capacity - headerBytes.count - 1)
            headerBytes.withUnsafeBufferPointer { report.update(from: $0.baseAddress!, count: $0.count) }
            body.withUnsafeBufferPointer { bytes in
                if bodyCount > 0 {
                    (report + headerBytes.count).update(from: bytes.baseAddress!, count: bodyCount)
                }
            }
            report[headerBytes.count + bodyCount] = 0x0A
            reportLength = headerBytes.count + bodyCount + 1
            alarm(hangSeconds)
        }
    }
#else
    enum FuzzCrashReport {
        static func arm() {}
        static func disarm() {}
        static func set(header: String, body: [UInt8]) {}
    }
#endif
