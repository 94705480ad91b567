/// Role of a user of a tenant.
public enum UserRole: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    case admin = "ADMIN"
    case supervisor = "SUPERVISOR"
    case agent = "AGENT"
}
