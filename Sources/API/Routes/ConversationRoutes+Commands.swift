import Domain
import EventStore
import Foundation

extension ConversationRoutes {
    func update(_ request: Request) throws -> Response {
        let id = try request.uuidParameter("id")
        let body = try request.decode(UpdateConversationBody.self)
        let by = request.authenticatedUser.userId
        if let assignee = body.assignedToId, let userId = assignee {
            try requireUser(userId, tenant: request.tenantId, field: "assignedToId")
        }
        for (index, tagId) in (body.tagIds ?? []).enumerated() {
            try requireTag(tagId, tenant: request.tenantId, field: "tagIds[\(index)]")
        }
        var commands: [ConversationCommand] = []
        if let priority = body.priority { commands.append(.changePriority(priority, byUserId: by)) }
        if let tagIds = body.tagIds { commands.append(.changeTags(tagIds, byUserId: by)) }
        if let assignee = body.assignedToId { commands.append(.assign(userId: assignee, byUserId: by)) }
        // Status last: closing releases the contact's open-conversation key after the rest.
        if let status = body.status { commands.append(.changeStatus(status, byUserId: by)) }
        let outcome = try execute(request, id) { _ in commands }
        return try respond(request, id, outcome)
    }

    func assign(_ request: Request) throws -> Response {
        let id = try request.uuidParameter("id")
        let body = try request.decode(AssignBody.self)
        if let userId = body.userId { try requireUser(userId, tenant: request.tenantId, field: "userId") }
        let by = request.authenticatedUser.userId
        let outcome = try execute(request, id) { _ in [.assign(userId: body.userId, byUserId: by)] }
        return try respond(request, id, outcome)
    }

    func transfer(_ request: Request) throws -> Response {
        let id = try request.uuidParameter("id")
        let body = try request.decode(TransferBody.self)
        if let userId = body.toUserId { try requireUser(userId, tenant: request.tenantId, field: "toUserId") }
        if let departmentId = body.toDepartmentId {
            try requireDepartment(departmentId, tenant: request.tenantId, field: "toDepartmentId")
        }
        // Fixed before the attempts so a retried command records the same transfer.
        let transferId = UUIDv7.generate()
        let by = request.authenticatedUser.userId
        let outcome = try execute(request, id) { _ in
            [
                .transfer(
                    transferId: transferId, toUserId: body.toUserId, toDepartmentId: body.toDepartmentId,
                    reason: body.reason, byUserId: by)
            ]
        }
        return try respond(request, id, outcome)
    }

    func close(_ request: Request) throws -> Response {
        let id = try request.uuidParameter("id")
        let notes = request.body.isEmpty ? nil : try request.decode(CloseBody.self).notes
        let by = request.authenticatedUser.userId
        let outcome = try execute(request, id) { _ in [.close(notes: notes, byUserId: by)] }
        return try respond(request, id, outcome)
    }

    func reopen(_ request: Request) throws -> Response {
        let id = try request.uuidParameter("id")
        let by = request.authenticatedUser.userId
        let outcome = try execute(request, id) { state in
            let holder = try pipeline.lookup(UniqueKeys.openConversation(state.contactId))
            let exists = holder != nil && holder != Streams.conversation(id)
            return [.reopen(byUserId: by, openConversationExists: exists)]
        }
        return try respond(request, id, outcome)
    }

    func rate(_ request: Request) throws -> Response {
        let id = try request.uuidParameter("id")
        let body = try request.decode(RatingBody.self)
        let outcome = try execute(request, id) { _ in [.rate(score: body.score, comment: body.comment)] }
        return try respond(request, id, outcome)
    }

    func markRead(_ request: Request) throws -> Response {
        let id = try request.uuidParameter("id")
        let by = request.authenticatedUser.userId
        let outcome = try execute(request, id) { _ in [.markReadByAgent(userId: by)] }
        return try respond(request, id, outcome)
    }

    /// Loads the conversation (404 unless it is the caller's tenant's), decides `commands`
    /// one after the other on the evolving state and appends them in one request.
    func execute(
        _ request: Request, _ id: UUID, _ commands: @escaping (Conversation) throws -> [ConversationCommand]
    ) throws -> CommandOutcome {
        let context = CommandContext(request: request)
        let tenant = request.tenantId
        return try pipeline.execute(context) {
            let loaded = try pipeline.load(Streams.conversation(id))
            guard var state = loaded.fold(Conversation.evolve), state.tenantId == tenant else {
                throw Self.notFound
            }
            var combined = Decision()
            for command in try commands(state) {
                let decision = try Conversation.decide(command, state: state, now: context.now)
                combined.events += decision.events
                combined.keyChanges += decision.keyChanges
                combined.otherStreams += decision.otherStreams
                state = decision.domainEvents.reduce(state) { Conversation.evolve($0, $1) ?? $0 }
            }
            return try CommandPlan(decision: combined, tenant: tenant, loaded: loaded, store: services.store)
        }
    }

    func requireUser(_ id: UUID, tenant: UUID, field: String) throws {
        guard let user = try pipeline.load(Streams.user(id)).fold(User.evolve), user.tenantId == tenant else {
            throw APIError(
                status: 404, code: "ERR_USER_NOT_FOUND", message: "User not found",
                details: ["field": .string(field)])
        }
        guard user.isActive else {
            throw APIError.validation(field: field, "\(field) names a deactivated user")
        }
    }

    func requireDepartment(_ id: UUID, tenant: UUID, field: String) throws {
        guard let department = try pipeline.load(Streams.department(id)).fold(Department.evolve),
            department.tenantId == tenant
        else {
            throw APIError(
                status: 404, code: "ERR_DEPARTMENT_NOT_FOUND", message: "Department not found",
                details: ["field": .string(field)])
        }
    }

    func requireTag(_ id: UUID, tenant: UUID, field: String) throws {
        guard let tag = try pipeline.load(Streams.tag(id)).fold(Tag.evolve), tag.tenantId == tenant else {
            throw APIError(
                status: 404, code: "ERR_TAG_NOT_FOUND", message: "Tag not found",
                details: ["field": .string(field)])
        }
    }
}
