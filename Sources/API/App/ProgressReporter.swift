import Foundation

/// Progress of long CLI work on stderr: a redrawn bar with rate and ETA on a terminal,
/// a plain line every few seconds otherwise (logs, CI).
final class ProgressReporter: @unchecked Sendable {
    // @unchecked: `update` is called from one thread at a time (the work's progress callback);
    // the lock only protects against a stray concurrent call.
    private let label: String
    private let isTerminal = isatty(2) == 1
    private let started = Date()
    private var lastPrint = Date.distantPast
    private let lock = NSLock()

    init(label: String) {
        self.label = label
    }

    func update(done: UInt64, total: UInt64, phase: String) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastPrint) >= (isTerminal ? 0.1 : 2) else { return }
        lastPrint = now
        write(line(done: done, total: total, phase: phase), final: false)
    }

    func finish(_ summary: String) {
        lock.lock()
        defer { lock.unlock() }
        write(summary, final: true)
    }

    private func line(done: UInt64, total: UInt64, phase: String) -> String {
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        let fraction = total == 0 ? 1 : min(1, Double(done) / Double(total))
        let eta = rate > 0 ? Double(total - min(total, done)) / rate : 0
        let figures =
            "\(done)/\(total) events, \(Int(rate)) ev/s, ETA \(Int(eta.rounded())) s"
        guard isTerminal else { return "\(label) \(phase): \(Int(fraction * 100))% \(figures)" }
        let width = 30
        let filled = Int(fraction * Double(width))
        return "\(label) [" + String(repeating: "#", count: filled)
            + String(repeating: "-", count: width - filled)
            + "] \(Int(fraction * 100))% \(phase) \(figures)"
    }

    private func write(_ text: String, final: Bool) {
        let output = isTerminal ? "\r\u{1B}[2K" + text + (final ? "\n" : "") : text + "\n"
        FileHandle.standardError.write(Data(output.utf8))
    }
}
