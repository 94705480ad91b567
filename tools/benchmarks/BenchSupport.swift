import Foundation

/// Small helpers shared by the benches.
enum BenchSupport {
    /// A fresh directory under the system temp dir (same disk as the checkout on this machine).
    static func temporaryDirectory(_ label: String) throws -> String {
        let path = NSTemporaryDirectory() + "chatledger-bench-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// A progress line on stderr (stdout carries only the JSON result).
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data("bench: \(text)\n".utf8))
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    /// Prints one JSON object on one line, keys in the given order.
    static func report(_ fields: [(String, Any)]) {
        let body = fields.map { key, value -> String in
            switch value {
            case let text as String: return "\"\(key)\":\"\(text)\""
            case let number as Double: return "\"\(key)\":\((number * 1000).rounded() / 1000)"
            default: return "\"\(key)\":\(value)"
            }
        }
        FileHandle.standardOutput.write(Data(("{" + body.joined(separator: ",") + "}\n").utf8))
    }

    /// Runs `body` on `count` threads at once and waits for all of them.
    static func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            let thread = Thread {
                body(index)
                group.leave()
            }
            thread.stackSize = 256 << 10
            thread.start()
        }
        group.wait()
    }
}
