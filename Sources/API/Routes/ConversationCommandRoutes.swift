import Domain
import Foundation
import Projections

/// Conversation commands (seed 001/000/004): open, update, assign, transfer, close, reopen,
/// rate, mark read. Each appends through the pipeline, waits for the projector and answers
/// with the conversation as projected after its own events (`X-Log-Position` set).
struct ConversationCommandRoutes: Sendable {
    let services: AppServices

    func register(into router: inout Router) {
        let auth: [any Middleware] = [services.authentication]
        router.add("POST", "/api/conversations", middleware: auth) { try self.open($0) }
        router.add("PATCH", "/api/conversations/:id", middleware: auth) { try self.update($0) }
        router.add("POST", "/api/conversations/:id/assign", middleware: auth) { try self.assign($0) }
        router.add("POST", "/api/conversations/:id/transfer", middleware: auth) { try self.transfer($0) }
        router.add("POST", "/api/conversations/:id/close", middleware: auth) { try self.close($0) }
        router.add("POST", "/api/conversations/:id/reopen", middleware: auth) { try self.reopen($0) }
        router.add("POST", "/api/conversations/:id/rating", middleware: auth) { try self.rate($0) }
        router.add("POST", "/api/conversations/:id/read", middleware: auth) { try self.markRead($0) }
    }

    private var pipeline: CommandPipeline { services.pipeline }

    func open(_ request: Request) throws -> Response {
        let body = try request.decode(OpenConversationBody.self)
        let caller = request.authenticatedUser
        let departmentId = try body.departmentId.map { try BodyValue.uuid($0, field: "departmentId") }
        if let departmentId { try requireDepartment(departmentId, tenant: caller.tenantId) }
        let conversationId = UUIDv7.generate()
        let newContactId = UUIDv7.generate()
        // A webhook may register this contact or open its conversation between the lookups
        // and the append: the retry then finds them (and answers 409 with the open one).
        let outcome = try pipeline.execute(CommandContext(request: request), retryOnKeyConflict: true) {
            let builder = PlanBuilder(pipeline: pipeline, tenant: caller.tenantId)
            let phoneKey = UniqueKeys.phone(
                tenantId: caller.tenantId, phone: body.phoneNumber, hmacKey: services.phoneIndexKey)
            var contactId = newContactId
            if let stream = try builder.lookup(phoneKey),
                let contact = try builder.state(of: stream, as: Contact.self), !contact.isErased
            {
                contactId = contact.id
            } else {
                let registration = try Contact.decide(
                    .register(
                        contactId: newContactId, tenantId: caller.tenantId, phone: body.phoneNumber,
                        name: body.name,
                        phoneKey: phoneKey), state: nil)
                try builder.add(registration, on: Streams.contact(newContactId))
            }
            if let open = try builder.lookup(UniqueKeys.openConversation(contactId)) {
                // Seed 000: the client is told which conversation is already open.
                throw APIError.conflict(
                    "ERR_CONVERSATION_OPEN", "The contact already has an open conversation",
                    details: ["conversationId": .string(String(open.dropFirst("conversation-".count)))])
            }
            let decision = try Conversation.decide(
                .open(
                    conversationId: conversationId, tenantId: caller.tenantId, contactId: contactId,
                    byUserId: caller.userId, departmentId: departmentId, openConversationExists: false),
                state: nil, now: Timestamp.nowMilliseconds())
            try builder.add(decision, on: Streams.conversation(conversationId))
            return builder.plan
        }
        return try view(request, conversationId, outcome, status: 201)
    }

    func update(_ request: Request) throws -> Response {
        let body = try request.decode(UpdateConversationBody.self)
        let caller = request.authenticatedUser
        let status = try body.status.map(BodyValue.status)
        let priority = try body.priority.map(BodyValue.priority)
        let assignee = try body.assignedToId.map { text in
            try text.map { try BodyValue.uuid($0, field: "assignedToId") }
        }
        if let assignee = assignee ?? nil { try requireAgent(assignee, tenant: caller.tenantId) }
        let tags = try body.tagIds.map { texts in
            try texts.enumerated().map { index, text in try BodyValue.uuid(text, field: "tagIds[\(index)]") }
        }
        if let tags { try requireTags(tags, tenant: caller.tenantId) }
        return try command(request) { stream, builder, now in
            if let status {
                try decide(.changeStatus(status, byUserId: caller.userId), stream, builder, now)
            }
            if let priority {
                try decide(.changePriority(priority, byUserId: caller.userId), stream, builder, now)
            }
            if let assignee {
                try decide(.assign(userId: assignee, byUserId: caller.userId), stream, builder, now)
            }
            if let tags {
                try decide(.changeTags(tags, byUserId: caller.userId), stream, builder, now)
            }
        }
    }

    func assign(_ request: Request) throws -> Response {
        let body = try request.decode(AssignBody.self)
        let caller = request.authenticatedUser
        let userId = try body.userId.map { try BodyValue.uuid($0, field: "userId") }
        if let userId { try requireAgent(userId, tenant: caller.tenantId) }
        return try command(request) { stream, builder, now in
            try decide(.assign(userId: userId, byUserId: caller.userId), stream, builder, now)
        }
    }

    func transfer(_ request: Request) throws -> Response {
        let body = try request.decode(TransferBody.self)
        let caller = request.authenticatedUser
        let toUser = try body.toUserId.map { try BodyValue.uuid($0, field: "toUserId") }
        let toDepartment = try body.toDepartmentId.map { try BodyValue.uuid($0, field: "toDepartmentId") }
        if let toUser { try requireAgent(toUser, tenant: caller.tenantId) }
        if let toDepartment { try requireDepartment(toDepartment, tenant: caller.tenantId) }
        let transferId = UUIDv7.generate()
        return try command(request) { stream, builder, now in
            try decide(
                .transfer(
                    transferId: transferId, toUserId: toUser, toDepartmentId: toDepartment,
                    reason: body.reason,
                    byUserId: caller.userId), stream, builder, now)
        }
    }

    func close(_ request: Request) throws -> Response {
        let body = request.body.isEmpty ? CloseBody(notes: nil) : try request.decode(CloseBody.self)
        let caller = request.authenticatedUser
        return try command(request) { stream, builder, now in
            try decide(.close(notes: body.notes, byUserId: caller.userId), stream, builder, now)
        }
    }

    func reopen(_ request: Request) throws -> Response {
        let caller = request.authenticatedUser
        return try command(request) { stream, builder, now in
            guard let conversation = try builder.state(of: stream, as: Conversation.self) else { return }
            let openExists = try builder.lookup(UniqueKeys.openConversation(conversation.contactId)) != nil
            try decide(
                .reopen(byUserId: caller.userId, openConversationExists: openExists), stream, builder, now)
        }
    }

    func rate(_ request: Request) throws -> Response {
        let body = try request.decode(RatingBody.self)
        return try command(request) { stream, builder, now in
            try decide(.rate(score: body.score, comment: body.comment), stream, builder, now)
        }
    }

    func markRead(_ request: Request) throws -> Response {
        let caller = request.authenticatedUser
        let response = try command(request) { stream, builder, now in
            try decide(.markReadByAgent(userId: caller.userId), stream, builder, now)
        }
        var noContent = Response.noContent
        if let position = response.header("X-Log-Position") {
            noContent.setHeader("X-Log-Position", position)
        }
        return noContent
    }

    /// Loads the conversation of the `:id` parameter (404 unless it is the caller's
    /// tenant's), lets `body` add decisions, appends, and answers with the projected view.
    private func command(
        _ request: Request, _ body: (_ stream: String, _ builder: PlanBuilder, _ now: Int64) throws -> Void
    ) throws -> Response {
        let id = try request.uuidParameter("id")
        let tenant = request.authenticatedUser.tenantId
        let stream = Streams.conversation(id)
        let outcome = try pipeline.execute(CommandContext(request: request)) {
            let builder = PlanBuilder(pipeline: pipeline, tenant: tenant)
            guard let conversation = try builder.state(of: stream, as: Conversation.self),
                conversation.tenantId == tenant
            else { throw APIError.notFound("Conversation not found") }
            try body(stream, builder, Timestamp.nowMilliseconds())
            return builder.plan
        }
        return try view(request, id, outcome, status: 200)
    }

    private func decide(
        _ command: ConversationCommand, _ stream: String, _ builder: PlanBuilder, _ now: Int64
    )
        throws
    {
        let state = try builder.state(of: stream, as: Conversation.self)
        try builder.add(try Conversation.decide(command, state: state, now: now), on: stream)
    }

    /// The conversation as projected after `outcome`; 202 with the position when the
    /// projector did not get there in time (the command itself is durable).
    private func view(_ request: Request, _ id: UUID, _ outcome: CommandOutcome, status: Int) throws
        -> Response
    {
        guard pipeline.waitForProjection(outcome),
            let detail = try services.requireReadModel().conversation(
                tenant: request.authenticatedUser.tenantId, id: id)
        else {
            return Response.json(
                .object([
                    "status": "accepted", "id": .string(id.lowercasedString),
                    "position": .number(Double(outcome.head)),
                ]),
                status: 202
            ).logPosition(outcome.head)
        }
        return try Response.json(detail, status: status).logPosition(outcome.head)
    }

    private func requireAgent(_ id: UUID, tenant: UUID) throws {
        guard let user = try pipeline.load(Streams.user(id)).fold(User.evolve), user.tenantId == tenant else {
            throw APIError.notFound("User not found")
        }
        guard user.isActive else {
            throw APIError.unprocessable("ERR_USER_INACTIVE", "The user is deactivated")
        }
    }

    private func requireDepartment(_ id: UUID, tenant: UUID) throws {
        guard let department = try pipeline.load(Streams.department(id)).fold(Department.evolve),
            department.tenantId == tenant
        else { throw APIError.notFound("Department not found") }
    }

    private func requireTags(_ ids: [UUID], tenant: UUID) throws {
        for (index, id) in ids.enumerated() {
            guard let tag = try pipeline.load(Streams.tag(id)).fold(Tag.evolve), tag.tenantId == tenant else {
                throw APIError.validation(field: "tagIds[\(index)]", "unknown tag")
            }
        }
    }
}
