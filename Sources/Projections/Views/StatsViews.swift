/// `GET /api/stats/dashboard` (seed 003 plus open/closed counts and the channel status).
public struct DashboardStats: Codable, Sendable, Equatable {
    public let totalInstances: Int
    public let connectedInstances: Int
    public let disconnectedInstances: Int
    public let totalChats: Int
    public let openChats: Int
    public let closedChats: Int
    public let totalMessages: Int
    public let todayMessages: Int
    public let unreadMessages: Int
    @Nullable public var channelStatus: String?
}

/// Distribution of one latency (milliseconds); `nil` figures when there is no sample.
public struct LatencyDistribution: Codable, Sendable, Equatable {
    public let count: Int
    @Nullable public var avgMs: Double?
    @Nullable public var p50Ms: Int64?
    @Nullable public var p95Ms: Int64?
    @Nullable public var p99Ms: Int64?
}

/// `GET /api/stats/latency` (seed 004 `latency-stats` plus percentiles, delivery and read).
///
/// Over outbound messages queued in the range (sent from the API, not from the phone), in ms:
/// - to-sent = sent − queued, both this server's clock (the API accepting the message, the
///   provider's answer to the send being recorded); `messages_over_5s` and
///   `latency_acceptable_rate` count the same figure;
/// - delivery = delivered − sent, the provider's status time against the send;
/// - read = read − delivered, two provider status times.
/// Provider status times have one-second resolution, so delivery and read compare both times
/// cut to their whole second. No figure is negative: a later time that precedes the earlier
/// one (clock skew, a status recorded before the send) counts as 0. A pair with a time missing
/// is no sample. Percentiles are `percentile_disc` (an observed value).
public struct LatencyStats: Codable, Sendable, Equatable {
    public let totalMessages: Int
    @Nullable public var avgLatencyToSentMs: Double?
    public let messagesOver5s: Int
    @Nullable public var latencyAcceptableRate: Double?
    public let toSent: LatencyDistribution
    public let delivery: LatencyDistribution
    public let read: LatencyDistribution

    enum CodingKeys: String, CodingKey {
        case totalMessages = "total_messages"
        case avgLatencyToSentMs = "avg_latency_to_sent_ms"
        case messagesOver5s = "messages_over_5s"
        case latencyAcceptableRate = "latency_acceptable_rate"
        case toSent = "to_sent"
        case delivery
        case read
    }
}

/// Service metrics in Chatwoot's definitions (all times in milliseconds).
public struct ServiceMetrics: Codable, Sendable, Equatable {
    /// First human outbound − conversation opened, over conversations opened in the range.
    public let firstResponse: LatencyDistribution
    /// Outbound − the customer's first unanswered inbound, over replies sent in the range.
    public let replyTime: LatencyDistribution
    /// Closed − opened, over conversations closed in the range.
    public let resolution: LatencyDistribution
    public let csat: CSATScore
}

/// Customer satisfaction: share of 4–5 ratings among ratings given in the range.
public struct CSATScore: Codable, Sendable, Equatable {
    public let ratings: Int
    public let satisfied: Int
    /// Percentage 0–100; `nil` without ratings.
    @Nullable public var score: Double?
    @Nullable public var averageRating: Double?
}

/// One agent of `GET /api/stats/agents`: open conversations assigned to them.
public struct AgentWorkload: Codable, Sendable, Equatable {
    public let id: String
    @Nullable public var name: String?
    @Nullable public var email: String?
    @Nullable public var role: String?
    @Nullable public var departmentId: String?
    public let isActive: Bool
    public let openConversations: Int
}

/// A department (seed 004 "departamentos") with its live queue figures.
public struct DepartmentView: Codable, Sendable, Equatable {
    public let id: String
    @Nullable public var name: String?
    @Nullable public var description: String?
    @Nullable public var color: String?
    @Nullable public var maxConcurrentConversations: Int?
    @Nullable public var expectedResponseMinutes: Int?
    public let active: Bool
    public let totalAgents: Int
    /// Open conversations of the department nobody is assigned to.
    public let totalQueued: Int
    /// Open conversations of the department with an assignee.
    public let totalInProgress: Int
    @Nullable public var createdAt: String?
}

/// A user (agent) as listed by `GET /auth/users`.
public struct UserView: Codable, Sendable, Equatable {
    public let id: String
    @Nullable public var name: String?
    @Nullable public var email: String?
    @Nullable public var role: String?
    @Nullable public var departmentId: String?
    public let isActive: Bool
    @Nullable public var createdAt: String?
}
