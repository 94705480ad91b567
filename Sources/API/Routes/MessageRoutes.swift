import Domain
import Foundation
import Projections

extension Router {
    /// `POST /api/messages[/template|/buttons|/list]` and `POST /api/messages/:id/read`
    /// (`GET /api/messages/search` is served with the conversation reads).
    public mutating func addMessageRoutes(_ services: MessagingServices) {
        let routes = MessageRoutes(services: services)
        let steps: [any Middleware] = [services.authentication]
        add("POST", "/api/messages", middleware: steps) { request in
            let body = try request.decode(SendMessageRequest.self)
            return try routes.queue(
                request, conversationId: body.conversationId, content: try body.outboundContent())
        }
        add("POST", "/api/messages/template", middleware: steps) { request in
            let body = try request.decode(SendTemplateRequest.self)
            return try routes.queue(
                request, conversationId: body.conversationId, content: body.outboundContent())
        }
        add("POST", "/api/messages/buttons", middleware: steps) { request in
            let body = try request.decode(SendButtonsRequest.self)
            return try routes.queue(
                request, conversationId: body.conversationId, content: body.outboundContent())
        }
        add("POST", "/api/messages/list", middleware: steps) { request in
            let body = try request.decode(SendListRequest.self)
            return try routes.queue(
                request, conversationId: body.conversationId, content: body.outboundContent())
        }
        add("POST", "/api/messages/:id/read", middleware: steps) { try routes.markRead($0) }
    }
}

/// Handlers of the message routes.
struct MessageRoutes: Sendable {
    let services: MessagingServices

    /// Queues an outbound message (the dispatcher sends it) and answers 201 with the message
    /// as projected (`QUEUED` until the provider accepts it).
    func queue(_ request: Request, conversationId: String, content: OutboundContent) throws -> Response {
        guard let conversationId = UUID(uuidString: conversationId) else {
            throw APIError.validation(field: "conversationId", "conversationId must be a UUID")
        }
        let user = request.authenticatedUser
        let messageId = UUIDv7.generate()
        let context = CommandContext(request: request)
        let outcome = try services.pipeline.execute(context) {
            let (conversation, loaded) = try services.conversation(conversationId, tenant: user.tenantId)
            let decision = try Conversation.decide(
                .queueOutbound(messageId: messageId, content: content, sentById: user.userId),
                state: conversation, now: context.now)
            return try CommandPlan(
                decision: decision, tenant: user.tenantId, loaded: loaded, store: services.store)
        }
        services.metrics.counter("messages_queued_total", help: "Outbound messages queued by agents")
            .increment()
        if services.pipeline.waitForProjection(outcome), let readModel = services.readModel,
            let view = try readModel.message(tenant: user.tenantId, id: messageId)
        {
            return try Response.json(view, status: 201).logPositionHeader(outcome.head)
        }
        // The projector is behind: answer with what the command itself decided.
        return Response.json(
            .object([
                "id": .string(messageId.lowercasedString),
                "conversationId": .string(conversationId.lowercasedString),
                "whatsappMessageId": .null, "direction": "OUTBOUND", "type": .string(content.kind.rawValue),
                "content": .string(content.summary), "status": "QUEUED",
                "sentById": .string(user.userId.lowercasedString),
                "timestamp": .string(Timestamp.format(milliseconds: context.now)),
                "createdAt": .string(Timestamp.format(milliseconds: context.now)),
            ]), status: 201
        ).logPositionHeader(outcome.head)
    }

    /// `POST /api/messages/:id/read`: the agent read the message's conversation (resets its
    /// unread count). The read model locates the conversation; the log decides.
    func markRead(_ request: Request) throws -> Response {
        let messageId = try request.uuidParameter("id")
        let user = request.authenticatedUser
        guard let message = try services.requireReadModel().message(tenant: user.tenantId, id: messageId),
            let conversationId = UUID(uuidString: message.conversationId)
        else { throw APIError.notFound("Message not found", code: "ERR_MESSAGE_NOT_FOUND") }
        let context = CommandContext(request: request)
        let outcome = try services.pipeline.execute(context) {
            let (conversation, loaded) = try services.conversation(conversationId, tenant: user.tenantId)
            guard conversation.messages[messageId] != nil else {
                throw APIError.notFound("Message not found", code: "ERR_MESSAGE_NOT_FOUND")
            }
            let decision = try Conversation.decide(
                .markReadByAgent(userId: user.userId), state: conversation, now: context.now)
            return try CommandPlan(
                decision: decision, tenant: user.tenantId, loaded: loaded, store: services.store)
        }
        _ = services.pipeline.waitForProjection(outcome)
        return Response.noContent.logPositionHeader(outcome.head)
    }
}
