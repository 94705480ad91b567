import Domain
import EventStore
import Foundation
import Projections

/// Admin audit of the tenant's log: `GET /api/audit/events` (NDJSON), conversation history
/// and state as of a time (replayed from the log, not the read models), hash-chain
/// verification, and `POST /api/contacts/:id/erase` (forget the contact's data key).
struct AuditRoutes: Sendable {
    let services: AppServices

    func register(into router: inout Router) {
        let admin: [any Middleware] = [services.authentication, RequireRole.admin]
        router.add("GET", "/api/audit/events", middleware: admin) { try self.events($0) }
        router.add("GET", "/api/audit/conversations/:id/history", middleware: admin) { try self.history($0) }
        router.add("GET", "/api/audit/conversations/:id", middleware: admin) { try self.asOf($0) }
        router.add("GET", "/api/audit/verify", middleware: admin) { request in
            let report = try services.store.verify(tenant: request.authenticatedUser.tenantId)
            return Response.json(
                .object([
                    "intact": .bool(report.isIntact), "eventsChecked": .number(Double(report.eventsChecked)),
                    "firstBrokenPosition": report.firstBrokenPosition.map { .number(Double($0)) } ?? .null,
                ]))
        }
        router.add("POST", "/api/contacts/:id/erase", middleware: admin) { try self.erase($0) }
    }

    /// One NDJSON line per event of the tenant: position or time range, type, stream.
    func events(_ request: Request) throws -> Response {
        let tenant = request.authenticatedUser.tenantId
        let from = UInt64(try request.queryInt("from", default: 1, range: 1...Int.max))
        let to = try request.queryValue("to").map { _ in
            UInt64(try request.queryInt("to", default: 0, range: 1...Int.max))
        }
        let fromTime = try request.queryTime("fromTime")
        let toTime = try request.queryTime("toTime")
        let type = try request.queryText("type", maxLength: 100)
        let stream = try request.queryText("stream", maxLength: 200)
        let limit = try request.queryInt("limit", default: 1000, range: 1...10_000)
        var lines = ""
        var count = 0
        var next = from
        scanning: while count < limit {
            let batch = try services.store.readTenant(tenant, from: next, limit: 1000)
            if batch.isEmpty { break }
            for record in batch {
                if let to, record.position > to { break scanning }
                next = record.position + 1
                if let fromTime, record.recordedAt < fromTime { continue }
                if let toTime, record.recordedAt > toTime { continue }
                if let type, record.type != type { continue }
                if let stream, record.stream.rawValue != stream { continue }
                lines += AuditRecord.json(record).serialized() + "\n"
                count += 1
                if count == limit { break scanning }
            }
        }
        return Response.text(lines, contentType: "application/x-ndjson; charset=utf-8")
    }

    func history(_ request: Request) throws -> Response {
        let records = try conversationRecords(request)
        return Response.json(.object(["data": .array(records.map(AuditRecord.json))]))
    }

    /// The conversation replayed from its events recorded up to `asOf` (default now).
    func asOf(_ request: Request) throws -> Response {
        let asOf = try request.queryTime("asOf") ?? Timestamp.nowMilliseconds()
        let records = try conversationRecords(request).filter { $0.recordedAt <= asOf }
        let events = try records.map(AuditRecord.decode)
        guard let conversation = Conversation.fold(events) else {
            throw APIError.notFound(
                "The conversation did not exist yet at \(Timestamp.format(milliseconds: asOf))")
        }
        func time(_ value: Int64?) -> JSONValue {
            value.map { .string(Timestamp.format(milliseconds: $0)) } ?? .null
        }
        return Response.json(
            .object([
                "asOf": .string(Timestamp.format(milliseconds: asOf)),
                "position": records.last.map { .number(Double($0.position)) } ?? .null,
                "id": .string(conversation.id.lowercasedString),
                "contactId": .string(conversation.contactId.lowercasedString),
                "status": .string(conversation.status.rawValue),
                "priority": .string(conversation.priority.rawValue),
                "assignedToId": conversation.assignedUserId.map { .string($0.lowercasedString) } ?? .null,
                "departmentId": conversation.departmentId.map { .string($0.lowercasedString) } ?? .null,
                "tagIds": .array(conversation.tagIds.map { .string($0.lowercasedString) }),
                "unreadCount": .number(Double(conversation.unreadCount)),
                "messageCount": .number(Double(conversation.messages.count)),
                "openedAt": time(conversation.openedAt), "closedAt": time(conversation.closedAt),
                "lastMessageAt": time(conversation.lastMessageAt),
                "rating": conversation.rating.map { .number(Double($0)) } ?? .null,
            ]))
    }

    /// Erases a contact: records the erasure, releases the phone key, then forgets the data
    /// key so every sealed personal part reads back as erased (the hash chain still verifies).
    func erase(_ request: Request) throws -> Response {
        let contactId = try request.uuidParameter("id")
        let caller = request.authenticatedUser
        let stream = Streams.contact(contactId)
        let outcome = try services.pipeline.execute(CommandContext(request: request)) {
            let loaded = try services.pipeline.load(stream)
            guard let contact = loaded.fold(Contact.evolve), contact.tenantId == caller.tenantId else {
                throw APIError.notFound("Contact not found")
            }
            let phoneKey =
                contact.phone.map {
                    UniqueKeys.phone(tenantId: caller.tenantId, phone: $0, hmacKey: services.phoneIndexKey)
                } ?? ""
            let decision = try Contact.decide(
                .erase(byUserId: caller.userId, phoneKey: phoneKey), state: contact)
            return try CommandPlan(
                decision: decision, tenant: caller.tenantId, loaded: loaded, store: services.store)
        }
        try services.store.forget(DataKeyID(DataKeys.contact(contactId)))
        _ = services.pipeline.waitForProjection(outcome)
        return Response.noContent.logPosition(outcome.head)
    }

    private func conversationRecords(_ request: Request) throws -> [RecordedEvent] {
        let id = try request.uuidParameter("id")
        let records = try services.store.readStream(StreamName(Streams.conversation(id)))
        guard let first = records.first, first.tenant == request.authenticatedUser.tenantId else {
            throw APIError.notFound("Conversation not found")
        }
        return records
    }
}

/// The audit rendering of a stored event.
enum AuditRecord {
    static func json(_ record: RecordedEvent) -> JSONValue {
        let personal: JSONValue
        switch record.personal {
        case .none: personal = .null
        case .erased: personal = "[erased]"
        case .clear(let bytes): personal = parse(bytes)
        }
        return .object([
            "position": .number(Double(record.position)), "stream": .string(record.stream.rawValue),
            "streamVersion": .number(Double(record.streamVersion)), "id": .string(record.id.lowercasedString),
            "type": .string(record.type),
            "recordedAt": .string(Timestamp.format(milliseconds: record.recordedAt)),
            "occurredAt": .string(Timestamp.format(milliseconds: record.occurredAt)),
            "metadata": .object([
                "correlationId": record.metadata.correlationId.map { .string($0.lowercasedString) } ?? .null,
                "causationId": record.metadata.causationId.map { .string($0.lowercasedString) } ?? .null,
                "actor": record.metadata.actor.map(JSONValue.string) ?? .null,
            ]),
            "payload": parse(record.payload), "personal": personal,
            "chainHash": .string(Hex.encode(record.chainHash)),
        ])
    }

    static func decode(_ record: RecordedEvent) throws -> DomainEvent {
        let personal: [UInt8]?
        if case .clear(let bytes) = record.personal { personal = bytes } else { personal = nil }
        return try DomainCodec.decode(type: record.type, payload: record.payload, personal: personal)
    }

    private static func parse(_ bytes: [UInt8]) -> JSONValue {
        (try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)))
            ?? .string(String(decoding: bytes, as: UTF8.self))
    }
}
