import EventStore
import Foundation

/// `append`: durable single-event appends from 64 writer threads through the EventStore API,
/// against a raw liblmdb loop committing the same payloads in batches of 64 with fsync. The line
/// ends with the group-commit ceiling of the same writers (`ceiling_…`, see
/// `GroupCommitCeiling`), measured in the same run.
enum AppendBench {
    static let writers = 64

    static func run() throws {
        let events = Int(ProcessInfo.processInfo.environment["BENCH_EVENTS"] ?? "") ?? 64_000
        let perWriter = events / writers
        let total = perWriter * writers
        let payloads = (0..<total).map(payload)

        let storePath = try BenchSupport.temporaryDirectory("append")
        defer { try? FileManager.default.removeItem(atPath: storePath) }
        let (seconds, latencies) = try appendThroughStore(
            path: storePath, payloads: payloads, perWriter: perWriter)

        let ceilingPath = try BenchSupport.temporaryDirectory("append-ceiling")
        defer { try? FileManager.default.removeItem(atPath: ceilingPath) }
        let ceilingSeconds = try GroupCommitCeiling.run(
            path: ceilingPath, payloads: payloads, writers: writers)

        let rawPath = try BenchSupport.temporaryDirectory("append-raw")
        defer { try? FileManager.default.removeItem(atPath: rawPath) }
        let rawSeconds = try RawLMDBAppend.run(path: rawPath, payloads: payloads, batch: writers)

        let rate = Double(total) / seconds
        let rawRate = Double(total) / rawSeconds
        let ceilingRate = Double(total) / ceilingSeconds
        BenchSupport.report([
            ("bench", "append"), ("events", total), ("writers", writers), ("events_per_s", rate.rounded()),
            ("p99_append_ms", BenchSupport.percentile(latencies, 0.99) * 1000),
            ("raw_lmdb_events_per_s", rawRate.rounded()), ("ratio", rate / rawRate),
            ("ceiling_events_per_s", ceilingRate.rounded()), ("ceiling_ratio", ceilingRate / rawRate),
        ])
    }

    /// A message-shaped payload of about 200 bytes.
    static func payload(_ index: Int) -> [UInt8] {
        Array(
            ("{\"conversationId\":\"\(UUID().uuidString)\",\"messageId\":\"wamid.\(index)\","
                + "\"direction\":\"IN\",\"kind\":\"text\",\"status\":\"RECEIVED\",\"sequence\":\(index),"
                + "\"providerTimestamp\":1700000000}").utf8)
    }

    private static func appendThroughStore(
        path: String, payloads: [[UInt8]], perWriter: Int
    ) throws -> (seconds: Double, latencies: [Double]) {
        let store = try EventStore(options: EventStoreOptions(path: path, initialMapSize: 1 << 30))
        let tenants = (0..<8).map { _ in UUID() }
        let latencies = LatencyLog(writers: writers)
        let start = BenchSupport.now()
        BenchSupport.onThreads(writers) { writer in
            let stream = StreamName("conversation-\(UUID().uuidString)")
            var ids = TimeOrderedID()
            var samples: [Double] = []
            samples.reserveCapacity(perWriter)
            for version in 0..<perWriter {
                let event = NewEvent(
                    id: ids.make(), type: "MessageReceived.v1", occurredAt: 1_700_000_000_000,
                    metadata: EventMetadata(correlationId: ids.make(), actor: "webhook"),
                    payload: payloads[writer * perWriter + version])
                let request = AppendRequest(streams: [
                    StreamAppend(
                        tenant: tenants[writer % tenants.count], stream: stream,
                        expectedVersion: .exact(UInt64(version)), events: [event])
                ])
                let began = BenchSupport.now()
                do {
                    _ = try store.append(request)
                } catch {
                    FileHandle.standardError.write(Data("append failed: \(error)\n".utf8))
                    exit(1)
                }
                samples.append(BenchSupport.now() - began)
            }
            latencies.store(samples, for: writer)
        }
        let seconds = BenchSupport.now() - start
        guard try store.head() == UInt64(payloads.count) else {
            throw BenchFailure(reason: "head \(try store.head()) after \(payloads.count) appends")
        }
        return (seconds, latencies.all)
    }
}

/// Per-writer latency samples, merged after the run.
final class LatencyLog: @unchecked Sendable {  // each writer touches only its own slot, under `lock`
    private let lock = NSLock()
    private var samples: [[Double]]

    init(writers: Int) {
        samples = Array(repeating: [], count: writers)
    }

    func store(_ values: [Double], for writer: Int) {
        lock.lock()
        samples[writer] = values
        lock.unlock()
    }

    var all: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return samples.flatMap { $0 }
    }
}

struct BenchFailure: Error {
    let reason: String
}
