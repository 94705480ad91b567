import Foundation
import Projections

/// Statistics and directory reads: `GET /api/stats/dashboard` (seed 003), `/api/stats/latency`
/// (seed 004), `/api/stats/service`, `/api/stats/agents`, `GET /api/departments`, and admin
/// `GET /api/channels`.
struct StatsReadRoutes: Sendable {
    let services: AppServices

    func register(into router: inout Router) {
        let steps: [any Middleware] = [services.authentication, MinimumPosition(services)]
        router.add("GET", "/api/stats/dashboard", middleware: steps) { request in
            try Response.json(
                try services.requireReadModel().dashboard(
                    tenant: request.authenticatedUser.tenantId, now: Timestamp.nowMilliseconds()))
        }
        router.add("GET", "/api/stats/latency", middleware: steps) { request in
            try Response.json(
                try services.requireReadModel().latency(
                    tenant: request.authenticatedUser.tenantId, filter: try metricsFilter(request)))
        }
        router.add("GET", "/api/stats/service", middleware: steps) { request in
            try Response.json(
                try services.requireReadModel().serviceMetrics(
                    tenant: request.authenticatedUser.tenantId, filter: try metricsFilter(request)))
        }
        router.add("GET", "/api/stats/agents", middleware: steps) { request in
            try Response.json(
                [
                    "data": try services.requireReadModel().agentWorkload(
                        tenant: request.authenticatedUser.tenantId)
                ])
        }
        router.add("GET", "/api/departments", middleware: steps) { request in
            try Response.json(
                [
                    "data": try services.requireReadModel().departments(
                        tenant: request.authenticatedUser.tenantId)
                ])
        }
    }

    private func metricsFilter(_ request: Request) throws -> MetricsFilter {
        MetricsFilter(
            from: try request.queryTime("from"), to: try request.queryTime("to"),
            agentId: try request.queryUUID("agentId"), departmentId: try request.queryUUID("departmentId"))
    }
}
