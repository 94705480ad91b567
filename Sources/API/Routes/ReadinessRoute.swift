import Foundation
import Projections

/// `GET /ready`: the log answers, Postgres answers, how far the projector lags behind, and
/// which tenants it holds (an event PostgreSQL refused). 200 when all is well, 503 (same body)
/// otherwise, so a load balancer can stop routing.
struct ReadinessRoute: Sendable {
    let services: AppServices
    let projector: Projector?

    func register(into router: inout Router) {
        router.add("GET", "/ready") { _ in self.check() }
        let services = self.services
        let projector = self.projector
        services.metrics.addCollector { registry in
            guard let head = try? services.store.head() else { return }
            registry.gauge("eventstore_head_position", help: "Last position of the event log").set(
                Double(head))
            if let projector {
                let position = projector.position
                registry.gauge("projection_position", help: "Last log position in the read models")
                    .set(Double(position))
                registry.gauge("projection_lag_events", help: "Events appended but not yet projected")
                    .set(Double(head &- min(head, position)))
                registry.gauge(
                    "projection_held_tenants", help: "Tenants whose events wait outside the read models"
                ).set(Double(projector.holds.count))
            }
        }
    }

    func check() -> Response {
        var ready = true
        var body: [String: JSONValue] = [:]
        if let head = try? services.store.head() {
            body["log"] = .object(["status": "ok", "head": .number(Double(head))])
            if let projector {
                let position = projector.position
                var projection: [String: JSONValue] = [
                    "position": .number(Double(position)), "lag": .number(Double(head - min(head, position))),
                ]
                let holds = projector.holds
                if !holds.isEmpty {
                    // A tenant's read models stopped at an event PostgreSQL refused.
                    ready = false
                    projection["held"] = .array(
                        holds.map { hold in
                            .object([
                                "tenant": .string(hold.tenant.lowercasedString),
                                "position": .number(Double(hold.position)), "error": .string(hold.error),
                                "attempts": .number(Double(hold.attempts)),
                            ])
                        })
                }
                body["projection"] = .object(projection)
            }
        } else {
            ready = false
            body["log"] = .object(["status": "unavailable"])
        }
        if let readModel = services.readModel {
            do {
                _ = try readModel.activeSchema()
                body["database"] = .object(["status": "ok"])
            } catch {
                ready = false
                body["database"] = .object(["status": "unavailable"])
            }
        }
        body["status"] = .string(ready ? "ready" : "unavailable")
        return Response.json(.object(body), status: ready ? 200 : 503)
    }
}
