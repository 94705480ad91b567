import Domain
import EventStore
import Foundation
import Projections

/// Seed 001 conversations (plus seed 004 transfers and ratings, seed 000 manual opening).
/// Every command loads the conversation stream, decides, appends through the pipeline,
/// waits for the projector and answers with the projected view and `X-Log-Position`.
struct ConversationRoutes: Sendable {
    let services: AppServices
    let phoneKey: ContactPhoneKey

    func register(into router: inout Router) {
        let auth = services.authentication
        let read: [any Middleware] = [auth, MinimumPosition(services)]
        router.add("GET", "/api/conversations", middleware: read) { try self.list($0) }
        router.add("POST", "/api/conversations", middleware: [auth]) { try self.open($0) }
        router.add("GET", "/api/conversations/:id", middleware: read) { try self.detail($0) }
        router.add("PATCH", "/api/conversations/:id", middleware: [auth]) { try self.update($0) }
        router.add("POST", "/api/conversations/:id/assign", middleware: [auth]) { try self.assign($0) }
        router.add("POST", "/api/conversations/:id/transfer", middleware: [auth]) { try self.transfer($0) }
        router.add("GET", "/api/conversations/:id/transfers", middleware: read) { try self.transfers($0) }
        router.add("POST", "/api/conversations/:id/close", middleware: [auth]) { try self.close($0) }
        router.add("POST", "/api/conversations/:id/reopen", middleware: [auth]) { try self.reopen($0) }
        router.add("POST", "/api/conversations/:id/rating", middleware: [auth]) { try self.rate($0) }
        router.add("POST", "/api/conversations/:id/read", middleware: [auth]) { try self.markRead($0) }
        router.add("GET", "/api/conversations/:id/messages", middleware: read) { try self.messages($0) }
        router.add("GET", "/api/conversations/:id/stats", middleware: read) { try self.stats($0) }
    }

    var pipeline: CommandPipeline { services.pipeline }

    static let notFound = APIError.notFound("Conversation not found", code: "ERR_CONVERSATION_NOT_FOUND")

    // MARK: reads

    func list(_ request: Request) throws -> Response {
        let filter = ConversationFilter(
            status: try request.queryChoice("status", ConversationFilter.statuses),
            priority: try request.queryChoice("priority", ConversationFilter.priorities),
            assignedToId: try request.queryUUID("assignedToId"),
            departmentId: try request.queryUUID("departmentId"),
            tag: request.queryValue("tag").flatMap { $0.isEmpty ? nil : $0 },
            unread: try request.queryBool("unread"),
            search: request.queryValue("search").flatMap { $0.isEmpty ? nil : $0 },
            page: try request.queryInt("page", default: 1, range: 1...1_000_000),
            limit: try request.queryInt("limit", default: 20, range: 1...100))
        if let search = filter.search, search.count > 100 {
            throw APIError.validation(field: "search", "search must be at most 100 characters")
        }
        return try Response.json(
            try services.requireReadModel().conversations(tenant: request.tenantId, filter: filter))
    }

    func detail(_ request: Request) throws -> Response {
        try Response.json(try view(request.tenantId, try request.uuidParameter("id")))
    }

    func transfers(_ request: Request) throws -> Response {
        let id = try request.uuidParameter("id")
        guard
            let history = try services.requireReadModel().transfers(
                tenant: request.tenantId, conversation: id)
        else { throw Self.notFound }
        return try Response.json(["data": history])
    }

    func messages(_ request: Request) throws -> Response {
        let id = try request.uuidParameter("id")
        let before = try request.queryUUID("before")
        let after = try request.queryUUID("after")
        if before != nil && after != nil {
            throw APIError.validation(field: "after", "before and after cannot be used together")
        }
        let cursor: MessageCursor = before.map { .before($0) } ?? after.map { .after($0) } ?? .latest
        let limit = try request.queryInt("limit", default: 50, range: 1...100)
        guard
            let page = try services.requireReadModel().messages(
                tenant: request.tenantId, conversation: id, cursor: cursor, limit: limit)
        else { throw Self.notFound }
        return try Response.json(page)
    }

    func stats(_ request: Request) throws -> Response {
        let id = try request.uuidParameter("id")
        guard
            let stats = try services.requireReadModel().conversationStats(
                tenant: request.tenantId, conversation: id)
        else { throw Self.notFound }
        return try Response.json(stats)
    }

    /// The projected conversation, 404 when it is not the tenant's.
    func view(_ tenant: UUID, _ id: UUID) throws -> ConversationDetail {
        guard let detail = try services.requireReadModel().conversation(tenant: tenant, id: id) else {
            throw Self.notFound
        }
        return detail
    }

    /// The answer to a conversation command: the view as projected after its events.
    func respond(_ request: Request, _ id: UUID, _ outcome: CommandOutcome, status: Int = 200) throws
        -> Response
    {
        _ = pipeline.waitForProjection(outcome)
        return try Response.json(try view(request.tenantId, id), status: status).logPosition(outcome.head)
    }
}
