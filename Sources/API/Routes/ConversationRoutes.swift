import Domain
import EventStore
import Foundation
import Projections

/// Seed 001 conversation commands (plus seed 004 transfers and ratings, seed 000 manual
/// opening); the reads are `ConversationReadRoutes`. Every command loads the conversation stream, decides, appends through the pipeline,
/// waits for the projector and answers with the projected view and `X-Log-Position`.
struct ConversationRoutes: Sendable {
    let services: AppServices

    func register(into router: inout Router) {
        let auth = services.authentication
        router.add("POST", "/api/conversations", middleware: [auth]) { try self.open($0) }
        router.add("PATCH", "/api/conversations/:id", middleware: [auth]) { try self.update($0) }
        router.add("POST", "/api/conversations/:id/assign", middleware: [auth]) { try self.assign($0) }
        router.add("POST", "/api/conversations/:id/transfer", middleware: [auth]) { try self.transfer($0) }
        router.add("POST", "/api/conversations/:id/close", middleware: [auth]) { try self.close($0) }
        router.add("POST", "/api/conversations/:id/reopen", middleware: [auth]) { try self.reopen($0) }
        router.add("POST", "/api/conversations/:id/rating", middleware: [auth]) { try self.rate($0) }
        router.add("POST", "/api/conversations/:id/read", middleware: [auth]) { try self.markRead($0) }
    }

    var pipeline: CommandPipeline { services.pipeline }

    static let notFound = APIError.notFound("Conversation not found", code: "ERR_CONVERSATION_NOT_FOUND")

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
