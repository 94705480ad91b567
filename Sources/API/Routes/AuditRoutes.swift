import Domain
import EventStore
import Foundation

/// Audit (admin): the tenant's log as NDJSON, a conversation's history, a conversation
/// replayed as of a time, the hash-chain check, and erasure of a contact's personal data.
struct AuditRoutes: Sendable {
    let services: AppServices

    func register(into router: inout Router) {
        let admin: [any Middleware] = [services.authentication, RequireRole.admin]
        router.add("GET", "/api/audit/events", middleware: admin) { try self.events($0) }
        router.add("GET", "/api/audit/conversations/:id/history", middleware: admin) { try self.history($0) }
        router.add("GET", "/api/audit/conversations/:id", middleware: admin) { try self.asOf($0) }
        router.add("GET", "/api/audit/verify", middleware: admin) { try self.verify($0) }
        router.add("POST", "/api/contacts/:id/erase", middleware: admin) { try self.erase($0) }
    }

    func events(_ request: Request) throws -> Response {
        var selection = AuditExportStream.Selection()
        selection.fromPosition = try request.queryPosition("fromPosition") ?? 1
        selection.toPosition = try request.queryPosition("toPosition") ?? .max
        selection.fromTime = try request.queryTime("from")
        selection.toTime = try request.queryTime("to")
        selection.type = request.queryValue("type").flatMap { $0.isEmpty ? nil : $0 }
        selection.stream = request.queryValue("stream").flatMap { $0.isEmpty ? nil : $0 }
        if selection.fromPosition > selection.toPosition {
            throw APIError.validation(field: "fromPosition", "fromPosition must not be after toPosition")
        }
        if let from = selection.fromTime, let to = selection.toTime, from > to {
            throw APIError.validation(field: "from", "from must not be after to")
        }
        var response = Response(
            status: 200, headers: [HTTPHeader("Content-Type", "application/x-ndjson; charset=utf-8")])
        response.stream = AuditExportStream(
            store: services.store, tenant: request.tenantId, selection: selection)
        return response
    }

    func history(_ request: Request) throws -> Response {
        let records = try conversationRecords(request)
        let body = "{\"data\":[" + records.map(AuditRecord.json).joined(separator: ",") + "]}"
        return Response.text(body, contentType: "application/json; charset=utf-8")
    }

    /// The conversation folded with the Domain's `evolve` over the events recorded up to `asOf`.
    func asOf(_ request: Request) throws -> Response {
        guard let text = request.queryValue("asOf") else {
            throw APIError.validation(field: "asOf", "asOf is required (an ISO-8601 time)")
        }
        guard let limit = Timestamp.parse(text) else {
            throw APIError.validation(
                field: "asOf", "asOf must be an ISO-8601 time such as 2025-11-12T10:30:00.000Z")
        }
        let records = try conversationRecords(request).filter { $0.recordedAt <= limit }
        let events = try records.map { record -> DomainEvent in
            var personal: [UInt8]?
            if case .clear(let bytes) = record.personal { personal = bytes }
            return try DomainCodec.decode(type: record.type, payload: record.payload, personal: personal)
        }
        guard let state = Conversation.fold(events) else {
            throw APIError.notFound(
                "The conversation did not exist at \(text)", code: "ERR_CONVERSATION_NOT_FOUND")
        }
        return Response.json(
            ConversationSnapshot.json(
                state, asOf: limit, version: records.last?.streamVersion ?? 0,
                position: records.last?.position ?? 0))
    }

    func verify(_ request: Request) throws -> Response {
        let report = try services.store.verify(tenant: request.tenantId)
        return Response.json(
            .object([
                "tenantId": .string(request.tenantId.lowercasedString),
                "eventsChecked": .number(Double(report.eventsChecked)),
                "intact": .bool(report.isIntact),
                "firstBrokenPosition": report.firstBrokenPosition.map { .number(Double($0)) } ?? .null,
            ]))
    }

    /// Appends `ContactErased`, then forgets the contact's data key: every sealed personal
    /// part of the contact reads back as erased; the projector blanks the read models.
    func erase(_ request: Request) throws -> Response {
        let id = try request.uuidParameter("id")
        let tenant = request.tenantId
        let pipeline = services.pipeline
        let notFound = APIError.notFound("Contact not found", code: "ERR_CONTACT_NOT_FOUND")
        let outcome = try pipeline.execute(CommandContext(request: request)) {
            let loaded = try pipeline.load(Streams.contact(id))
            guard let contact = loaded.fold(Contact.evolve), contact.tenantId == tenant else {
                throw notFound
            }
            let key = UniqueKeys.phone(
                tenantId: tenant, phone: contact.phone ?? "", hmacKey: services.phoneIndexKey)
            let decision = try Contact.decide(
                .erase(byUserId: request.authenticatedUser.userId, phoneKey: key), state: contact)
            return try CommandPlan(decision: decision, tenant: tenant, loaded: loaded, store: services.store)
        }
        try services.store.forget(DataKeyID(DataKeys.contact(id)))
        _ = pipeline.waitForProjection(outcome)
        return Response.json(.object(["contactId": .string(id.lowercasedString), "erased": true]))
            .logPosition(outcome.head)
    }

    /// The conversation's events, 404 unless it belongs to the caller's tenant.
    private func conversationRecords(_ request: Request) throws -> [RecordedEvent] {
        let id = try request.uuidParameter("id")
        let records = try services.store.readStream(StreamName(Streams.conversation(id)))
        guard let first = records.first, first.tenant == request.tenantId else {
            throw APIError.notFound("Conversation not found")
        }
        return records
    }
}
