import Foundation

/// A closed-loop load generator: `connections` keep-alive connections, one thread each, take
/// the next request index from a shared counter until `requests` are sent or `maxSeconds` pass.
enum HTTPLoad {
    struct Result {
        let completed: Int
        let seconds: Double
        /// Milliseconds per completed request, unsorted.
        let latencies: [Double]
        let statuses: [Int: Int]
        /// Non-2xx answers plus socket errors.
        let errors: Int

        var perSecond: Double { Double(completed) / seconds }
        var p50: Double { BenchSupport.percentile(latencies, 0.50) }
        var p99: Double { BenchSupport.percentile(latencies, 0.99) }
    }

    /// The shared request counter and the merged per-thread outcomes.
    // @unchecked: every field is only touched under `lock`.
    private final class Shared: @unchecked Sendable {
        let lock = NSLock()
        var next = 0
        var latencies: [Double] = []
        var statuses: [Int: Int] = [:]
        var errors = 0
        var firstError: String?

        func claim(limit: Int) -> Int? {
            lock.withLock {
                guard next < limit else { return nil }
                defer { next += 1 }
                return next
            }
        }
    }

    /// Sends `request(i)` for i in 0..<requests; the connections are opened before timing.
    static func run(
        port: UInt16, connections: Int, requests: Int, maxSeconds: Double = 20,
        request: @escaping @Sendable (Int) -> [UInt8]
    ) throws -> Result {
        let opened = try (0..<connections).map { _ in try LoopbackConnection(port: port) }
        let shared = Shared()
        let start = BenchSupport.now()
        let deadline = start + maxSeconds
        BenchSupport.onThreads(connections) { index in
            let connection = opened[index]
            var latencies: [Double] = []
            latencies.reserveCapacity(requests / connections + 16)
            var statuses: [Int: Int] = [:]
            var errors = 0
            var firstError: String?
            while let i = shared.claim(limit: requests) {
                let bytes = request(i)
                let sent = BenchSupport.now()
                do {
                    let reply = try connection.roundTrip(bytes)
                    latencies.append((BenchSupport.now() - sent) * 1000)
                    statuses[reply.status, default: 0] += 1
                    if !(200..<300).contains(reply.status) {
                        errors += 1
                        if firstError == nil {
                            firstError =
                                "\(reply.status) \(String(decoding: reply.body.prefix(200), as: UTF8.self))"
                        }
                    }
                } catch {
                    errors += 1
                    if firstError == nil { firstError = "\(error)" }
                    try? connection.reopen()
                }
                if BenchSupport.now() > deadline { break }
            }
            shared.lock.withLock {
                shared.latencies += latencies
                shared.statuses.merge(statuses, uniquingKeysWith: +)
                shared.errors += errors
                if shared.firstError == nil { shared.firstError = firstError }
            }
        }
        let seconds = BenchSupport.now() - start
        if let first = shared.firstError {
            FileHandle.standardError.write(Data("load: \(shared.errors) errors, first: \(first)\n".utf8))
        }
        return Result(
            completed: shared.latencies.count, seconds: seconds, latencies: shared.latencies,
            statuses: shared.statuses, errors: shared.errors)
    }
}
