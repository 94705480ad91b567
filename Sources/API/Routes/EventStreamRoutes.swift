import EventStore
import Foundation

/// `GET /api/events`: Server-Sent Events of the tenant's changes (seed 001 socket events),
/// `id:` = log position, resumable with `Last-Event-ID` without gap or duplicate.
struct EventStreamRoutes: Sendable {
    let services: AppServices
    let wakeups: StreamWakeups
    /// Seconds of silence before a heartbeat comment.
    let heartbeat: Double

    init(services: AppServices, heartbeat: Double = 15) {
        self.services = services
        self.heartbeat = heartbeat
        wakeups = StreamWakeups(store: services.store)
    }

    func register(into router: inout Router) {
        router.add("GET", "/api/events", middleware: [services.authentication]) { try self.events($0) }
    }

    func events(_ request: Request) throws -> Response {
        let start: UInt64
        if let text = request.header("Last-Event-ID") ?? request.queryValue("lastEventId") {
            guard let position = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
                throw APIError.validation(field: "Last-Event-ID", "Last-Event-ID must be a log position")
            }
            start = position
        } else {
            // A fresh subscriber gets what happens from now on.
            start = try services.store.head()
        }
        var response = Response(
            status: 200,
            headers: [
                HTTPHeader("Content-Type", "text/event-stream; charset=utf-8"),
                HTTPHeader("Cache-Control", "no-cache"),
                HTTPHeader("X-Accel-Buffering", "no"),
            ])
        response.stream = TenantEventStream(
            store: services.store, tenant: request.tenantId, after: start, wakeups: wakeups,
            heartbeat: heartbeat)
        return response
    }
}
