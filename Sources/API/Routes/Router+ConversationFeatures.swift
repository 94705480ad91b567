extension Router {
    /// Department and tag creation, the event stream and audit: one
    /// call from the app's route setup.
    public mutating func addConversationFeatureRoutes(_ services: AppServices) {
        DirectoryRoutes(services: services).register(into: &self)
        EventStreamRoutes(services: services).register(into: &self)
        AuditRoutes(services: services).register(into: &self)
    }

    /// `GET /openapi.json`, listing every route registered so far (and itself): call it last.
    public mutating func addOpenAPIRoute() {
        let document = OpenAPIDocument.build(routes: routeTable + [("GET", "/openapi.json")])
        let body = Response.json(document)
        add("GET", "/openapi.json") { _ in body }
    }
}
