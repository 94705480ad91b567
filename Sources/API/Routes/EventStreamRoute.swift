/// `GET /api/events`: the tenant's changes as Server-Sent Events, resumable with
/// `Last-Event-ID` (or `?lastEventId=`).
struct EventStreamRoute: Sendable {
    let services: AppServices
    let keepAliveSeconds: Double

    func register(into router: inout Router) {
        router.add("GET", "/api/events", middleware: [services.authentication]) { request in
            let text = request.header("Last-Event-ID") ?? request.queryValue("lastEventId")
            var after: UInt64 = 0
            if let text {
                guard let position = UInt64(text) else {
                    throw APIError.validation(field: "Last-Event-ID", "Last-Event-ID must be a log position")
                }
                after = position
            } else {
                // A new subscriber starts at the present; history is the audit API's job.
                after = try services.store.head()
            }
            let stream = TenantEventStream(
                store: services.store, tenant: request.authenticatedUser.tenantId, after: after,
                keepAliveSeconds: keepAliveSeconds)
            return Response(
                status: 200,
                headers: [
                    HTTPHeader("Content-Type", "text/event-stream; charset=utf-8"),
                    HTTPHeader("Cache-Control", "no-cache"), HTTPHeader("X-Accel-Buffering", "no"),
                ], stream: stream)
        }
    }
}
