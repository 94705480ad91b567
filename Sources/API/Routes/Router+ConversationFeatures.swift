extension Router {
    /// Conversations, departments, tags, statistics, the event stream, audit and readiness:
    /// one call from the app's route setup.
    public mutating func addConversationFeatureRoutes(_ services: AppServices, phoneKey: ContactPhoneKey) {
        ConversationRoutes(services: services, phoneKey: phoneKey).register(into: &self)
        DirectoryRoutes(services: services).register(into: &self)
        StatsRoutes(services: services).register(into: &self)
    }
}
