import Foundation
import Testing

@testable import API

@Suite struct MetricsTests {
    @Test func metricsEndpointCountsRequestsByRouteAndStatus() throws {
        let metrics = MetricsRegistry()
        var router = Router()
        router.addOperationalRoutes(metrics: metrics)
        router.add("GET", "/api/items/:id") { _ in Response.text("ok") }
        let (server, client) = try TestServer.start(router, metrics: metrics)
        defer { server.stop() }
        for id in 1...3 { _ = try client.send("GET", "/api/items/\(id)") }
        _ = try client.send("GET", "/missing")
        let health = try client.send("GET", "/health")
        #expect(health.status == 200)
        #expect(health.object["status"] as? String == "ok")
        let text = try client.send("GET", "/metrics").text
        #expect(text.contains(#"http_requests_total{method="GET",route="/api/items/:id",status="200"} 3"#))
        #expect(text.contains(#"http_requests_total{method="GET",route="unmatched",status="404"} 1"#))
        #expect(text.contains(#"http_request_duration_seconds_count{route="/api/items/:id"} 3"#))
        #expect(text.contains(#"http_request_duration_seconds_bucket{route="/api/items/:id",le="+Inf"} 3"#))
        #expect(text.contains("# TYPE http_request_duration_seconds histogram"))
    }

    @Test func registryRendersCustomCountersGaugesAndHistograms() {
        let metrics = MetricsRegistry()
        metrics.counter("eventstore_appends_total", help: "Appends").increment(by: 5)
        metrics.gauge("projection_lag_events", help: "Lag", labels: ["projector": "main"]).set(12)
        let batches = metrics.histogram("group_commit_batch_size", help: "Batch", buckets: [1, 8, 64])
        batches.observe(1)
        batches.observe(10)
        batches.observe(100)
        let text = metrics.render()
        #expect(text.contains("# TYPE eventstore_appends_total counter\neventstore_appends_total 5\n"))
        #expect(text.contains(#"projection_lag_events{projector="main"} 12"#))
        #expect(text.contains(#"group_commit_batch_size_bucket{le="1"} 1"#))
        #expect(text.contains(#"group_commit_batch_size_bucket{le="8"} 1"#))
        #expect(text.contains(#"group_commit_batch_size_bucket{le="64"} 2"#))
        #expect(text.contains(#"group_commit_batch_size_bucket{le="+Inf"} 3"#))
        #expect(text.contains("group_commit_batch_size_sum 111"))
    }

    @Test func labelsAreSortedByKeyAndTheirValuesEscaped() {
        let metrics = MetricsRegistry()
        metrics.counter(
            "odd_total", help: "Odd labels",
            labels: ["route": "/a/:id", "note": #"say "hi"\ now"# + "\nend", "ação": "ok"]
        ).increment()
        #expect(
            metrics.render().contains(
                #"odd_total{ação="ok",note="say \"hi\"\\ now\nend",route="/a/:id"} 1"#))
    }

    @Test func sameNameAndLabelsReturnTheSameSeries() {
        let metrics = MetricsRegistry()
        metrics.counter("x_total", help: "x", labels: ["a": "1"]).increment()
        metrics.counter("x_total", help: "x", labels: ["a": "1"]).increment()
        #expect(metrics.counter("x_total", help: "x", labels: ["a": "1"]).value == 2)
        #expect(metrics.counter("x_total", help: "x", labels: ["a": "2"]).value == 0)
    }
}

@Suite struct MetricsCollectorTests {
    @Test func collectorsRefreshSampledValuesOnRender() {
        let metrics = MetricsRegistry()
        let source = Statuses()
        metrics.addCollector { registry in
            registry.gauge("queue_depth", help: "Depth").set(Double(source.all.count))
        }
        source.record(1)
        source.record(2)
        #expect(metrics.render().contains("queue_depth 2\n"))
        source.record(3)
        #expect(metrics.render().contains("queue_depth 3\n"))
    }
}
