import Foundation

extension ReadModel {
    /// `GET /api/stats/dashboard`; `now` (epoch ms) fixes "today" (UTC day).
    public func dashboard(tenant: UUID, now: Int64) throws -> DashboardStats {
        let dayStart = now - ((now % 86_400_000) + 86_400_000) % 86_400_000
        return try run { connection, s in
            let rows = try connection.queryPrepared(
                """
                SELECT
                  (SELECT count(*) FROM \(s).conversations WHERE tenant_id = $1) AS total,
                  (SELECT count(*) FROM \(s).conversations WHERE tenant_id = $1 AND status <> 'CLOSED') AS open,
                  (SELECT coalesce(sum(unread_count), 0) FROM \(s).conversations
                     WHERE tenant_id = $1 AND unread_count > 0) AS unread,
                  (SELECT count(*) FROM \(s).messages WHERE tenant_id = $1 AND timestamp >= $2) AS today,
                  (SELECT total_messages FROM \(s).tenants WHERE tenant_id = $1) AS messages,
                  (SELECT channel_status FROM \(s).tenants WHERE tenant_id = $1) AS channel
                """, [tenant, dayStart])
            let total = Int(try rows.int64(0, "total") ?? 0)
            let open = Int(try rows.int64(0, "open") ?? 0)
            let channel = rows.string(0, "channel")
            let configured = channel != nil && channel != "UNCONFIGURED"
            let connected = channel == "CONNECTED"
            return DashboardStats(
                totalInstances: configured ? 1 : 0, connectedInstances: connected ? 1 : 0,
                disconnectedInstances: configured && !connected ? 1 : 0, totalChats: total, openChats: open,
                closedChats: total - open, totalMessages: Int(try rows.int64(0, "messages") ?? 0),
                todayMessages: Int(try rows.int64(0, "today") ?? 0),
                unreadMessages: Int(try rows.int64(0, "unread") ?? 0), channelStatus: channel)
        }
    }

    /// `GET /api/stats/latency` over outbound messages queued in the range; the figures are
    /// defined on `LatencyStats`.
    public func latency(tenant: UUID, filter: MetricsFilter = MetricsFilter()) throws -> LatencyStats {
        try filter.validate()
        return try run { connection, s in
            let (condition, extra) = filter.conditions(
                time: "m.queued_at", agent: "m.sent_by_id", department: "c.department_id")
            let source = """
                FROM \(s).messages m JOIN \(s).conversations c ON c.id = m.conversation_id
                WHERE m.tenant_id = $1 AND m.direction = 'OUTBOUND' AND m.queued_at IS NOT NULL\(condition)
                """
            let toSentMs = Self.elapsed(from: "m.queued_at", to: "m.sent_at")
            let summary = try connection.queryPrepared(
                """
                SELECT count(*) AS total,
                       count(*) FILTER (WHERE \(toSentMs) > 5000) AS over,
                       count(*) FILTER (WHERE m.sent_at IS NOT NULL) AS sent
                \(source)
                """, [tenant] + extra)
            let total = Int(try summary.int64(0, "total") ?? 0)
            let over = Int(try summary.int64(0, "over") ?? 0)
            let sent = Int(try summary.int64(0, "sent") ?? 0)
            let toSent = try Self.distribution(
                toSentMs, source: source, parameters: [tenant] + extra, on: connection)
            let delivery = try Self.distribution(
                Self.elapsedInWholeSeconds(from: "m.sent_at", to: "m.delivered_at"), source: source,
                parameters: [tenant] + extra, on: connection)
            let read = try Self.distribution(
                Self.elapsedInWholeSeconds(from: "m.delivered_at", to: "m.read_at"), source: source,
                parameters: [tenant] + extra, on: connection)
            return LatencyStats(
                totalMessages: total, avgLatencyToSentMs: toSent.avgMs, messagesOver5s: over,
                latencyAcceptableRate: sent == 0
                    ? nil : (Double(sent - over) * 1000 / Double(sent)).rounded() / 10,
                toSent: toSent, delivery: delivery, read: read)
        }
    }

    /// `GET /api/stats/service`: first response, reply time, resolution, CSAT.
    public func serviceMetrics(tenant: UUID, filter: MetricsFilter = MetricsFilter()) throws -> ServiceMetrics
    {
        try filter.validate()
        return try run { connection, s in
            let opened = filter.conditions(
                time: "created_at", agent: "assigned_to_id", department: "department_id")
            let firstResponse = try Self.distribution(
                "first_response_at - created_at",
                source: "FROM \(s).conversations WHERE tenant_id = $1\(opened.sql)",
                parameters: [tenant] + opened.parameters, on: connection)
            let replied = filter.conditions(
                time: "replied_at", agent: "agent_id", department: "department_id")
            let reply = try Self.distribution(
                "waited_ms", source: "FROM \(s).reply_times WHERE tenant_id = $1\(replied.sql)",
                parameters: [tenant] + replied.parameters, on: connection)
            let closed = filter.conditions(
                time: "closed_at", agent: "assigned_to_id", department: "department_id")
            let resolution = try Self.distribution(
                "closed_at - created_at",
                source: "FROM \(s).conversations WHERE tenant_id = $1 AND status = 'CLOSED'\(closed.sql)",
                parameters: [tenant] + closed.parameters, on: connection)
            let rated = filter.conditions(time: "rated_at", agent: "agent_id", department: "department_id")
            let csat = try connection.queryPrepared(
                """
                SELECT count(*) AS ratings, count(*) FILTER (WHERE score >= 4) AS satisfied,
                       avg(score)::float8 AS average
                FROM \(s).ratings WHERE tenant_id = $1\(rated.sql)
                """, [tenant] + rated.parameters)
            let ratings = Int(try csat.int64(0, "ratings") ?? 0)
            let satisfied = Int(try csat.int64(0, "satisfied") ?? 0)
            return ServiceMetrics(
                firstResponse: firstResponse, replyTime: reply, resolution: resolution,
                csat: CSATScore(
                    ratings: ratings, satisfied: satisfied,
                    score: ratings == 0 ? nil : Double(satisfied) * 100 / Double(ratings),
                    averageRating: try csat.double(0, "average")))
        }
    }

    /// SQL for `later − earlier` in milliseconds, 0 when `later` precedes `earlier`, NULL when
    /// either is NULL (so the pair is no sample). Used where both are this server's clock, at
    /// millisecond resolution: only a step back of the wall clock can make the difference
    /// negative, and no latency is shorter than nothing.
    static func elapsed(from earlier: String, to later: String) -> String {
        "(CASE WHEN \(later) < \(earlier) THEN 0 ELSE \(later) - \(earlier) END)"
    }

    /// `elapsed` with both times cut to their whole second, for intervals that end at a
    /// provider's status time. WhatsApp (and Evolution) give those in whole seconds, the event's
    /// time cut to its second, while a send is our millisecond clock: a delivery in the send's
    /// own second would come out as minus the send's milliseconds (the demo's `avgMs: -104`).
    /// Cutting the send to its second too compares like with like: each figure is a whole
    /// number of seconds, 0 for the same second, and the cut parts average out over many
    /// messages, where clamping the millisecond difference alone would bias every figure down
    /// by up to a second. The clamp still catches what resolution cannot explain: a provider
    /// clock behind ours, or a status that reached us before the provider's answer to the send
    /// did (the send's time is when that answer was recorded).
    static func elapsedInWholeSeconds(from earlier: String, to later: String) -> String {
        elapsed(from: "(\(earlier) / 1000 * 1000)", to: "(\(later) / 1000 * 1000)")
    }

    /// Count, average and p50/p95/p99 (`percentile_disc`) of `expression` over non-NULL values.
    static func distribution(
        _ expression: String, source: String, parameters: [any PostgresEncodable], on connection: Connection
    ) throws -> LatencyDistribution {
        let rows = try connection.queryPrepared(
            """
            SELECT count(v) AS n, avg(v)::float8 AS average,
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY v) AS p50,
                   percentile_disc(0.95) WITHIN GROUP (ORDER BY v) AS p95,
                   percentile_disc(0.99) WITHIN GROUP (ORDER BY v) AS p99
            FROM (SELECT \(expression) AS v \(source)) samples WHERE v IS NOT NULL
            """, parameters)
        return LatencyDistribution(
            count: Int(try rows.int64(0, "n") ?? 0), avgMs: try rows.double(0, "average"),
            p50Ms: try rows.int64(0, "p50"), p95Ms: try rows.int64(0, "p95"), p99Ms: try rows.int64(0, "p99"))
    }
}
