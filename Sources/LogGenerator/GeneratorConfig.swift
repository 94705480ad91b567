/// Sizes and seed of a generated log. The same configuration always yields the same log.
public struct GeneratorConfig: Sendable, Equatable {
    /// Seed of every random choice.
    public var seed: UInt64
    /// Number of tenants; odd-numbered tenants use Evolution, the others Meta.
    public var tenants: Int
    /// Agents per tenant (plus one admin).
    public var agentsPerTenant: Int
    /// Distinct customers per tenant who may write in.
    public var contactsPerTenant: Int
    /// Conversations open at once per tenant; closed ones leave memory once their
    /// deliveries are settled, so memory stays bounded whatever `totalEvents` is.
    public var openConversationsPerTenant: Int
    /// Stop after this many events (the last append may overshoot by a few).
    public var totalEvents: Int
    /// Whether inbound messages come with a `RawWebhookReceived` audit event.
    public var rawWebhooks: Bool

    public init(
        seed: UInt64 = 1, tenants: Int = 2, agentsPerTenant: Int = 5, contactsPerTenant: Int = 200,
        openConversationsPerTenant: Int = 50, totalEvents: Int = 10_000, rawWebhooks: Bool = true
    ) {
        self.seed = seed
        self.tenants = max(1, tenants)
        self.agentsPerTenant = max(1, agentsPerTenant)
        self.contactsPerTenant = max(1, contactsPerTenant)
        self.openConversationsPerTenant = max(1, openConversationsPerTenant)
        self.totalEvents = max(0, totalEvents)
        self.rawWebhooks = rawWebhooks
    }
}
