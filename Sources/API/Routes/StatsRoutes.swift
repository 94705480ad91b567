import Foundation
import Projections

/// Statistics: seed 003 dashboard, seed 004 latency, service metrics (first response, reply
/// time, resolution, CSAT) and agent workload; filters `from`/`to` (ISO-8601), `agentId`,
/// `departmentId`.
struct StatsRoutes: Sendable {
    let services: AppServices

    func register(into router: inout Router) {
        let read: [any Middleware] = [services.authentication, MinimumPosition(services)]
        router.add("GET", "/api/stats/dashboard", middleware: read) { try self.dashboard($0) }
        router.add("GET", "/api/stats/latency", middleware: read) { try self.latency($0) }
        router.add("GET", "/api/stats/service", middleware: read) { try self.service($0) }
        router.add("GET", "/api/stats/agents", middleware: read) { try self.agents($0) }
    }

    func dashboard(_ request: Request) throws -> Response {
        try Response.json(
            try services.requireReadModel().dashboard(
                tenant: request.tenantId, now: Timestamp.nowMilliseconds()))
    }

    func latency(_ request: Request) throws -> Response {
        try Response.json(
            try services.requireReadModel().latency(tenant: request.tenantId, filter: try filter(request)))
    }

    func service(_ request: Request) throws -> Response {
        try Response.json(
            try services.requireReadModel().serviceMetrics(
                tenant: request.tenantId, filter: try filter(request)))
    }

    func agents(_ request: Request) throws -> Response {
        var workload = try services.requireReadModel().agentWorkload(tenant: request.tenantId)
        if let agentId = try request.queryUUID("agentId") {
            workload = workload.filter { $0.id == agentId.lowercasedString }
        }
        if let departmentId = try request.queryUUID("departmentId") {
            workload = workload.filter { $0.departmentId == departmentId.lowercasedString }
        }
        return try Response.json(["data": workload])
    }

    /// The shared filters; `from` after `to` is a 400 naming `from`.
    func filter(_ request: Request) throws -> MetricsFilter {
        let filter = MetricsFilter(
            from: try request.queryTime("from"), to: try request.queryTime("to"),
            agentId: try request.queryUUID("agentId"), departmentId: try request.queryUUID("departmentId"))
        if let from = filter.from, let to = filter.to, from > to {
            throw APIError.validation(field: "from", "from must not be after to")
        }
        return filter
    }
}
