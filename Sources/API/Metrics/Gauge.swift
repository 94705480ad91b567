/// A value that goes up and down (queue depth, projection lag).
public final class Gauge: MetricSeries {
    private let current = Locked<Double>(0)

    init() {}

    public func set(_ value: Double) { current.withLock { $0 = value } }

    public func add(_ amount: Double) { current.withLock { $0 += amount } }

    public var value: Double { current.withLock { $0 } }

    func render(name: String, labels: String, into output: inout String) {
        output += "\(name)\(Self.braced(labels)) \(MetricsRegistry.formatNumber(value))\n"
    }
}
