/// A monotonically increasing count.
public final class Counter: MetricSeries {
    private let total = Locked<Double>(0)

    init() {}

    /// Adds `amount` (must not be negative).
    public func increment(by amount: Double = 1) {
        precondition(amount >= 0, "counters only go up")
        total.withLock { $0 += amount }
    }

    public var value: Double { total.withLock { $0 } }

    func render(name: String, labels: String, into output: inout String) {
        output += "\(name)\(Self.braced(labels)) \(MetricsRegistry.formatNumber(value))\n"
    }
}
