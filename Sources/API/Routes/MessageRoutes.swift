import Domain
import Foundation
import Projections

/// Seed 001 sends: `POST /api/messages` (text or media), `/template`, `/buttons`, `/list`,
/// and `POST /api/messages/:id/read`. A send queues the outbound message in the log (the
/// dispatcher delivers it) and answers 201 with the message as projected.
struct MessageRoutes: Sendable {
    let services: AppServices

    func register(into router: inout Router) {
        let auth: [any Middleware] = [services.authentication]
        router.add("POST", "/api/messages", middleware: auth) { request in
            let body = try request.decode(SendMessageBody.self)
            let type = (body.type ?? "TEXT").uppercased()
            let content: OutboundContent
            if type == "TEXT" {
                content = .text(body: body.content)
            } else if let kind = MediaKind(rawValue: type) {
                content = .media(
                    MediaContent(
                        kind: kind, url: body.content, caption: body.metadata?.caption,
                        filename: body.metadata?.filename))
            } else {
                throw APIError.validation(field: "type", "type must be TEXT, IMAGE, AUDIO, VIDEO or DOCUMENT")
            }
            return try send(request, conversation: body.conversationId, content: content)
        }
        router.add("POST", "/api/messages/template", middleware: auth) { request in
            let body = try request.decode(SendTemplateBody.self)
            let template = TemplateContent(
                name: body.templateName, languageCode: body.languageCode ?? "pt_BR",
                parameters: body.parameters ?? [])
            return try send(request, conversation: body.conversationId, content: .template(template))
        }
        router.add("POST", "/api/messages/buttons", middleware: auth) { request in
            let body = try request.decode(SendButtonsBody.self)
            let buttons = ButtonsContent(
                body: body.bodyText, buttons: body.buttons.map { ReplyButton(id: $0.id, title: $0.title) },
                header: body.headerText, footer: body.footerText)
            return try send(request, conversation: body.conversationId, content: .buttons(buttons))
        }
        router.add("POST", "/api/messages/list", middleware: auth) { request in
            let body = try request.decode(SendListBody.self)
            let list = ListContent(
                body: body.bodyText, buttonText: body.buttonText,
                sections: body.sections.map { section in
                    ListSection(
                        title: section.title,
                        rows: section.rows.map {
                            ListRow(id: $0.id, title: $0.title, description: $0.description)
                        })
                }, header: body.headerText, footer: body.footerText)
            return try send(request, conversation: body.conversationId, content: .list(list))
        }
        router.add("POST", "/api/messages/:id/read", middleware: auth) { try markRead($0) }
    }

    private func send(_ request: Request, conversation text: String, content: OutboundContent) throws
        -> Response
    {
        let conversationId = try BodyValue.uuid(text, field: "conversationId")
        let caller = request.authenticatedUser
        let messageId = UUIDv7.generate()
        let outcome = try onConversation(request, conversationId) { conversation, builder, stream in
            let decision = try Conversation.decide(
                .queueOutbound(messageId: messageId, content: content, sentById: caller.userId),
                state: conversation,
                now: Timestamp.nowMilliseconds())
            try builder.add(decision, on: stream)
        }
        guard services.pipeline.waitForProjection(outcome),
            let view = try services.requireReadModel().message(tenant: caller.tenantId, id: messageId)
        else {
            return Response.json(
                .object([
                    "status": "accepted", "id": .string(messageId.lowercasedString),
                    "position": .number(Double(outcome.head)),
                ]), status: 202
            ).logPosition(outcome.head)
        }
        return try Response.json(view, status: 201).logPosition(outcome.head)
    }

    /// Marks the message's conversation read by the caller. The read model only locates the
    /// conversation of a message id; the decision is taken on the log.
    private func markRead(_ request: Request) throws -> Response {
        let messageId = try request.uuidParameter("id")
        let caller = request.authenticatedUser
        guard let message = try services.requireReadModel().message(tenant: caller.tenantId, id: messageId),
            let conversationId = UUID(uuidString: message.conversationId)
        else { throw APIError.notFound("Message not found") }
        let outcome = try onConversation(request, conversationId) { conversation, builder, stream in
            let decision = try Conversation.decide(
                .markReadByAgent(userId: caller.userId), state: conversation, now: Timestamp.nowMilliseconds()
            )
            try builder.add(decision, on: stream)
        }
        return Response.noContent.logPosition(outcome.head)
    }

    private func onConversation(
        _ request: Request, _ id: UUID, _ body: (Conversation, PlanBuilder, String) throws -> Void
    ) throws -> CommandOutcome {
        let tenant = request.authenticatedUser.tenantId
        let stream = Streams.conversation(id)
        return try services.pipeline.execute(CommandContext(request: request)) {
            let builder = PlanBuilder(pipeline: services.pipeline, tenant: tenant)
            guard let conversation = try builder.state(of: stream, Conversation.evolve),
                conversation.tenantId == tenant
            else { throw APIError.notFound("Conversation not found") }
            try body(conversation, builder, stream)
            return builder.plan
        }
    }
}
