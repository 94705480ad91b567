extension Router {
    /// `GET /health` (liveness) and `GET /metrics` (Prometheus text).
    public mutating func addOperationalRoutes(metrics: MetricsRegistry) {
        add("GET", "/health") { _ in Response.json(.object(["status": "ok"])) }
        add("GET", "/metrics") { _ in
            Response.text(metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
