/// One-line descriptions of the routes for `/openapi.json`, keyed by `METHOD pattern`. The
/// route list itself comes from the router, so a route never goes missing from the document;
/// a test checks that every registered route has a line here.
enum RouteDescriptions {
    static let summaries: [String: String] = [
        "GET /health": "Liveness: the process answers.",
        "GET /ready":
            "Readiness: event log open, PostgreSQL reachable, projection lag small (503 otherwise).",
        "GET /metrics": "Prometheus metrics (requests, latency, appends, projection lag).",
        "GET /openapi.json": "This OpenAPI 3.1 document.",
        "POST /auth/register": "Register a tenant and its first administrator; returns a session.",
        "POST /auth/login": "Log in with e-mail and password; returns a JWT (rate limited).",
        "GET /auth/me": "The authenticated user and tenant.",
        "PUT /auth/change-password": "Change the authenticated user's password.",
        "POST /auth/users": "Create a user of the tenant (admin).",
        "GET /auth/users": "List the tenant's users (admin).",
        "PUT /auth/users/:id/toggle-status": "Activate or deactivate a user (admin).",
        "GET /api/conversations": "List conversations with filters and page/limit pagination.",
        "POST /api/conversations": "Open a conversation to a phone number (409 if one is open).",
        "GET /api/conversations/:id": "One conversation.",
        "PATCH /api/conversations/:id":
            "Change status, priority, assignee and tags; returns the updated view.",
        "POST /api/conversations/:id/assign": "Assign the conversation to an agent (null unassigns).",
        "POST /api/conversations/:id/transfer": "Transfer to an agent and/or department with a reason.",
        "GET /api/conversations/:id/transfers": "The conversation's transfer history.",
        "POST /api/conversations/:id/close": "Close the conversation with optional notes.",
        "POST /api/conversations/:id/reopen": "Reopen a closed conversation.",
        "POST /api/conversations/:id/rating": "Rate a closed conversation 1–5 with a comment.",
        "POST /api/conversations/:id/read": "Mark the conversation read by an agent (unread count 0).",
        "GET /api/conversations/:id/messages": "Messages, cursor pagination with before/after message ids.",
        "GET /api/conversations/:id/stats": "Message counts by direction and status.",
        "POST /api/messages": "Queue a text or media message.",
        "POST /api/messages/template": "Queue a template message.",
        "POST /api/messages/buttons": "Queue an interactive buttons message.",
        "POST /api/messages/list": "Queue an interactive list message.",
        "POST /api/messages/:id/read": "Mark a message read.",
        "GET /api/messages/search": "Full-text search of messages.",
        "GET /api/departments": "List departments with queue figures.",
        "POST /api/departments": "Create a department (admin).",
        "GET /api/tags": "List conversation tags.",
        "POST /api/tags": "Create a conversation tag (admin or supervisor).",
        "PUT /api/channels/whatsapp": "Configure the tenant's WhatsApp channel (admin).",
        "GET /api/channels": "The tenant's channels and their status (admin).",
        "GET /api/stats/dashboard": "Dashboard totals: chats, open/closed, messages, unread, channel status.",
        "GET /api/stats/latency": "Send, delivery and read latency with p50/p95/p99.",
        "GET /api/stats/service": "First response, reply and resolution times, CSAT.",
        "GET /api/stats/agents": "Open conversations per agent.",
        "GET /api/events": "Server-Sent Events of the tenant's changes; resumable with Last-Event-ID.",
        "GET /api/audit/events": "The tenant's event log as NDJSON (admin).",
        "GET /api/audit/conversations/:id/history": "Every event of a conversation (admin).",
        "GET /api/audit/conversations/:id": "A conversation replayed from the log as of a time (admin).",
        "GET /api/audit/verify": "Recompute the tenant's hash chain (admin).",
        "POST /api/contacts/:id/erase": "Erase a contact's personal data (admin).",
        "GET /webhooks/whatsapp": "Meta webhook verification (hub.challenge).",
        "POST /webhooks/whatsapp": "Meta WhatsApp Cloud API webhook (signed).",
        "POST /webhook/:instanceName": "Evolution API webhook.",
    ]

    /// Longer descriptions, for routes whose figures need a definition.
    static let descriptions: [String: String] = [
        "GET /api/stats/latency": """
        Over outbound messages sent from the API (not from the phone) and queued within \
        `from`/`to` (`agentId`, `departmentId` narrow them), in milliseconds. `to_sent`: sent − \
        queued, both this server's clock (the API accepting the message; the provider's answer \
        to the send being recorded); `avg_latency_to_sent_ms`, `messages_over_5s` and \
        `latency_acceptable_rate` describe the same figure. `delivery`: delivered − sent, the \
        provider's delivered status time against the send. `read`: read − delivered, two \
        provider status times. WhatsApp status times have one-second resolution, so `delivery` \
        and `read` compare both times cut to their whole second (a multiple of 1000; the cut \
        parts average out over many messages). No figure is negative: a later time that \
        precedes the earlier one (clock skew, a status recorded before the send's answer) \
        counts as 0. A message missing either time is no sample of that figure. Percentiles \
        are observed values.
        """
    ]

    static func summary(method: String, pattern: String) -> String? {
        summaries[method + " " + pattern]
    }

    static func description(method: String, pattern: String) -> String? {
        descriptions[method + " " + pattern]
    }
}
