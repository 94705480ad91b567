import Foundation
import Projections

/// `GET /ready`: 200 when the event log is readable, PostgreSQL answers and the projector is
/// close to the head; 503 with the same report otherwise.
struct ReadinessRoutes: Sendable {
    let services: AppServices
    let projector: Projector?
    /// Events the projection may trail the log by and still be ready.
    let maxLag: UInt64

    func register(into router: inout Router) {
        router.add("GET", "/ready") { _ in self.ready() }
    }

    func ready() -> Response {
        var checks: [String: JSONValue] = [:]
        var ready = true
        let head = try? services.store.head()
        checks["eventLog"] = head == nil ? "unavailable" : "ok"
        if head == nil { ready = false }
        do {
            _ = try services.requireReadModel().activeSchema()
            checks["postgres"] = "ok"
        } catch {
            checks["postgres"] = "unavailable"
            ready = false
        }
        if let projector {
            let position = projector.position
            let lag = (head ?? 0) > position ? (head ?? 0) - position : 0
            checks["projectionPosition"] = .number(Double(position))
            checks["projectionLag"] = .number(Double(lag))
            if lag > maxLag { ready = false }
        } else {
            checks["projectionLag"] = .null
        }
        checks["head"] = head.map { .number(Double($0)) } ?? .null
        checks["status"] = ready ? "ready" : "not ready"
        return Response.json(.object(checks), status: ready ? 200 : 503)
    }
}
