import Projections

extension Router {
    /// Conversations, departments, tags, statistics, the event stream, audit and readiness:
    /// one call from the app's route setup.
    public mutating func addConversationFeatureRoutes(
        _ services: AppServices, phoneKey: ContactPhoneKey, projector: Projector?
    ) {
        ConversationRoutes(services: services, phoneKey: phoneKey).register(into: &self)
        DirectoryRoutes(services: services).register(into: &self)
        StatsRoutes(services: services).register(into: &self)
        EventStreamRoutes(services: services).register(into: &self)
        AuditRoutes(services: services, phoneKey: phoneKey).register(into: &self)
        ReadinessRoutes(services: services, projector: projector, maxLag: 1_000).register(into: &self)
    }

    /// `GET /openapi.json`, listing every route registered so far (and itself): call it last.
    public mutating func addOpenAPIRoute() {
        let document = OpenAPIDocument.build(routes: routeTable + [("GET", "/openapi.json")])
        let body = Response.json(document)
        add("GET", "/openapi.json") { _ in body }
    }
}
