import Domain
import EventStore
import Foundation

extension ConversationRoutes {
    /// Opens a conversation to a phone number (seed 000): registers the contact when the
    /// number is new, 409 with the open conversation's id when the contact already has one.
    func open(_ request: Request) throws -> Response {
        let body = try request.decode(OpenConversationBody.self)
        let tenant = request.tenantId
        let by = request.authenticatedUser.userId
        if let departmentId = body.departmentId {
            try requireDepartment(departmentId, tenant: tenant, field: "departmentId")
        }
        let phoneKeyName = UniqueKeys.phone(
            tenantId: tenant, phone: body.phoneNumber, hmacKey: services.phoneIndexKey)
        // Fixed before the attempts so a retry names the same new streams.
        let newContactId = UUIDv7.generate()
        let conversationId = UUIDv7.generate()
        let context = CommandContext(request: request)
        let outcome: CommandOutcome
        do {
            outcome = try pipeline.execute(context) {
                var plan = CommandPlan()
                let contactStream = try pipeline.lookup(phoneKeyName)
                let contactId: UUID
                if let contactStream, let existing = try pipeline.load(contactStream).fold(Contact.evolve) {
                    contactId = existing.id
                    if let name = body.name {
                        let loaded = try pipeline.load(contactStream)
                        let update = try Contact.decide(.updateProfile(name: name), state: existing)
                        plan.merge(
                            try CommandPlan(
                                decision: update, tenant: tenant, loaded: loaded, store: services.store))
                    }
                } else {
                    contactId = newContactId
                    let loaded = try pipeline.load(Streams.contact(contactId))
                    let registration = try Contact.decide(
                        .register(
                            contactId: contactId, tenantId: tenant, phone: body.phoneNumber, name: body.name,
                            phoneKey: phoneKeyName),
                        state: nil)
                    plan.merge(
                        try CommandPlan(
                            decision: registration, tenant: tenant, loaded: loaded, store: services.store))
                }
                if let open = try pipeline.lookup(UniqueKeys.openConversation(contactId)) {
                    throw Self.alreadyOpen(stream: open)
                }
                let loaded = try pipeline.load(Streams.conversation(conversationId))
                let opened = try Conversation.decide(
                    .open(
                        conversationId: conversationId, tenantId: tenant, contactId: contactId, byUserId: by,
                        departmentId: body.departmentId, openConversationExists: false),
                    state: nil, now: context.now)
                plan.merge(
                    try CommandPlan(decision: opened, tenant: tenant, loaded: loaded, store: services.store))
                return plan
            }
        } catch EventStoreError.uniqueKeyTaken(let key, let holder)
            where key.rawValue.hasPrefix("open-conversation:")
        {
            // Another request opened one between our look-up and our append.
            throw Self.alreadyOpen(stream: holder.rawValue)
        }
        return try respond(request, conversationId, outcome, status: 201)
    }

    static func alreadyOpen(stream: String) -> APIError {
        let prefix = "conversation-"
        let id = stream.hasPrefix(prefix) ? String(stream.dropFirst(prefix.count)) : stream
        return APIError.conflict(
            "ERR_CONVERSATION_OPEN", "The contact already has an open conversation",
            details: ["conversationId": .string(id)])
    }
}
