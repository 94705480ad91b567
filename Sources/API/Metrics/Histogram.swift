/// Observations counted into cumulative buckets, with their sum and count.
public final class Histogram: MetricSeries {
    /// Seconds, from half a millisecond to ten seconds.
    public static let latencyBuckets: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]
    /// Sizes (events per group commit, rows per batch).
    public static let sizeBuckets: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096]

    private struct State {
        var counts: [UInt64]
        var sum: Double = 0
        var count: UInt64 = 0
    }

    private let bounds: [Double]
    private let state: Locked<State>

    init(buckets: [Double]) {
        bounds = buckets.sorted()
        state = Locked(State(counts: Array(repeating: 0, count: buckets.count)))
    }

    /// Records one observation.
    public func observe(_ value: Double) {
        let index = bounds.firstIndex { value <= $0 }
        state.withLock { state in
            if let index { state.counts[index] += 1 }
            state.sum += value
            state.count += 1
        }
    }

    /// The number of observations so far.
    public var count: UInt64 { state.withLock { $0.count } }

    func render(name: String, labels: String, into output: inout String) {
        let snapshot = state.withLock { $0 }
        let prefix = labels.isEmpty ? "" : labels + ","
        var cumulative: UInt64 = 0
        for (bound, count) in zip(bounds, snapshot.counts) {
            cumulative += count
            output += "\(name)_bucket{\(prefix)le=\"\(MetricsRegistry.formatNumber(bound))\"} \(cumulative)\n"
        }
        output += "\(name)_bucket{\(prefix)le=\"+Inf\"} \(snapshot.count)\n"
        output += "\(name)_sum\(Self.braced(labels)) \(snapshot.sum)\n"
        output += "\(name)_count\(Self.braced(labels)) \(snapshot.count)\n"
    }
}
