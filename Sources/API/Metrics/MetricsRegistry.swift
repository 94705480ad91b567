/// Prometheus metrics shared by the whole process: the HTTP layer records requests and
/// latencies, other code registers its own counters, gauges and histograms
/// (appends, group-commit batch sizes, fsync time, projection lag, dispatcher queue).
public final class MetricsRegistry: Sendable {
    private struct Family {
        let kind: MetricKind
        let help: String
        var series: [String: any MetricSeries] = [:]
    }

    private let families = Locked<[String: Family]>([:])
    private let collectors = Locked<[@Sendable (MetricsRegistry) -> Void]>([])

    public init() {}

    /// The counter `name{labels}`, created on first use.
    public func counter(_ name: String, help: String, labels: [String: String] = [:]) -> Counter {
        series(name, kind: .counter, help: help, labels: labels) { Counter() }
    }

    /// The gauge `name{labels}`, created on first use.
    public func gauge(_ name: String, help: String, labels: [String: String] = [:]) -> Gauge {
        series(name, kind: .gauge, help: help, labels: labels) { Gauge() }
    }

    /// The histogram `name{labels}` with upper bucket bounds `buckets`, created on first use.
    public func histogram(
        _ name: String, help: String, labels: [String: String] = [:],
        buckets: [Double] = Histogram.latencyBuckets
    ) -> Histogram {
        series(name, kind: .histogram, help: help, labels: labels) { Histogram(buckets: buckets) }
    }

    private func series<Series: MetricSeries>(
        _ name: String, kind: MetricKind, help: String, labels: [String: String], make: () -> Series
    ) -> Series {
        let key = MetricsRegistry.labelText(labels)
        return families.withLock { families in
            var family = families[name] ?? Family(kind: kind, help: help)
            precondition(family.kind == kind, "metric \(name) registered as \(family.kind) and \(kind)")
            if let existing = family.series[key] as? Series { return existing }
            let created = make()
            family.series[key] = created
            families[name] = family
            return created
        }
    }

    /// Registers code run before every `render` to refresh sampled values (log head,
    /// projection lag) instead of updating them on every change.
    public func addCollector(_ collector: @escaping @Sendable (MetricsRegistry) -> Void) {
        collectors.withLock { $0.append(collector) }
    }

    /// The Prometheus text exposition (version 0.0.4) of every metric.
    public func render() -> String {
        for collector in collectors.withLock({ $0 }) { collector(self) }
        let snapshot = families.withLock { $0 }
        var output = ""
        for name in snapshot.keys.sorted() {
            let family = snapshot[name]!
            output += "# HELP \(name) \(family.help)\n# TYPE \(name) \(family.kind.rawValue)\n"
            for labels in family.series.keys.sorted() {
                family.series[labels]!.render(name: name, labels: labels, into: &output)
            }
        }
        return output
    }

    /// `key="value"` pairs in key order, values escaped as the exposition format asks. Runs on
    /// every request, so it appends to one string and escapes only values that need it.
    static func labelText(_ labels: [String: String]) -> String {
        var text = ""
        for key in labels.keys.sorted() {
            if !text.isEmpty { text += "," }
            text += key
            text += "=\""
            let value = labels[key]!
            if value.utf8.contains(where: {
                $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == 0x0A
            }) {
                for character in value.unicodeScalars {
                    switch character {
                    case "\\": text += "\\\\"
                    case "\"": text += "\\\""
                    case "\n": text += "\\n"
                    default: text.unicodeScalars.append(character)
                    }
                }
            } else {
                text += value
            }
            text += "\""
        }
        return text
    }

    static func formatNumber(_ value: Double) -> String {
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

enum MetricKind: String, Sendable {
    case counter
    case gauge
    case histogram
}

protocol MetricSeries: Sendable {
    func render(name: String, labels: String, into output: inout String)
}

extension MetricSeries {
    static func braced(_ labels: String) -> String { labels.isEmpty ? "" : "{\(labels)}" }
}
