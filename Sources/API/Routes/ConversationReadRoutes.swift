import Foundation
import Projections

/// Seed 001 reads of conversations and messages, served from the read models:
/// `GET /api/conversations`, `/api/conversations/:id`, `…/:id/messages`, `…/:id/stats`,
/// `…/:id/transfers`, `GET /api/messages/search`. Another tenant's conversation is a 404.
struct ConversationReadRoutes: Sendable {
    let services: AppServices

    func register(into router: inout Router) {
        let steps: [any Middleware] = [services.authentication, MinimumPosition(services)]
        router.add("GET", "/api/conversations", middleware: steps) { try self.list($0) }
        router.add("GET", "/api/conversations/:id", middleware: steps) { try self.detail($0) }
        router.add("GET", "/api/conversations/:id/messages", middleware: steps) { try self.messages($0) }
        router.add("GET", "/api/conversations/:id/stats", middleware: steps) { try self.stats($0) }
        router.add("GET", "/api/conversations/:id/transfers", middleware: steps) { try self.transfers($0) }
        router.add("GET", "/api/messages/search", middleware: steps) { try self.search($0) }
    }

    func list(_ request: Request) throws -> Response {
        let filter = ConversationFilter(
            status: try request.queryText("status", maxLength: 20)?.uppercased(),
            priority: try request.queryText("priority", maxLength: 20)?.uppercased(),
            assignedToId: try request.queryUUID("assignedToId"),
            departmentId: try request.queryUUID("departmentId"),
            tag: try request.queryText("tag", maxLength: 100), unread: try request.queryBool("unread"),
            search: try request.queryText("search"),
            page: try request.queryInt("page", default: 1, range: 1...1_000_000),
            limit: try request.queryInt("limit", default: 20, range: 1...100))
        let page = try services.requireReadModel().conversations(
            tenant: request.authenticatedUser.tenantId, filter: filter)
        // JSONEncoder took over half of this route's CPU (perf, `tools/bench read`); the page is
        // written from a JSONValue instead: same keys (sorted), same nulls.
        var body: [UInt8] = []
        body.reserveCapacity(1_024 * page.data.count + 128)
        Self.write(Self.json(page), into: &body)
        return Response(
            status: 200, headers: [HTTPHeader("Content-Type", "application/json; charset=utf-8")], body: body)
    }

    /// JSONValue's writer appended one scalar at a time to a String, which was most of this
    /// route's CPU: strings without characters to escape are copied as UTF-8 bytes whole.
    static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .string(let text):
            var text = text
            text.withUTF8 { utf8 in
                if utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) {
                    out.append(0x22)
                    out.append(contentsOf: utf8)
                    out.append(0x22)
                } else {
                    out.append(contentsOf: value.serialized().utf8)
                }
            }
        case .array(let values):
            out.append(0x5B)
            for (index, element) in values.enumerated() {
                if index > 0 { out.append(0x2C) }
                write(element, into: &out)
            }
            out.append(0x5D)
        case .object(let members):
            out.append(0x7B)
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out.append(0x2C) }
                write(.string(key), into: &out)
                out.append(0x3A)
                write(members[key] ?? .null, into: &out)
            }
            out.append(0x7D)
        case .null, .bool, .number:
            out.append(contentsOf: value.serialized().utf8)
        }
    }

    static func json(_ page: Page<ConversationListItem>) -> JSONValue {
        let pagination = page.pagination
        return .object([
            "data": .array(page.data.map(json)),
            "pagination": .object([
                "page": number(pagination.page), "limit": number(pagination.limit),
                "total": number(pagination.total), "pages": number(pagination.pages),
            ]),
        ])
    }

    static func json(_ item: ConversationListItem) -> JSONValue {
        .object([
            "id": .string(item.id), "tenantId": .string(item.tenantId), "contactId": .string(item.contactId),
            "contact": .object([
                "id": .string(item.contact.id), "phoneNumber": text(item.contact.phoneNumber),
                "name": text(item.contact.name), "profilePictureUrl": text(item.contact.profilePictureUrl),
            ]),
            "status": .string(item.status), "priority": .string(item.priority),
            "assignedToId": text(item.assignedToId),
            "assignedTo": item.assignedTo.map {
                .object(["id": .string($0.id), "name": text($0.name), "email": text($0.email)])
            } ?? .null,
            "departmentId": text(item.departmentId),
            "department": item.department.map {
                .object(["id": .string($0.id), "name": text($0.name), "color": text($0.color)])
            } ?? .null,
            "tags": .array(
                item.tags.map {
                    .object(["id": .string($0.id), "name": text($0.name), "color": text($0.color)])
                }),
            "lastMessageAt": text(item.lastMessageAt), "closedAt": text(item.closedAt),
            "lastMessage": item.lastMessage.map {
                .object([
                    "id": .string($0.id), "content": text($0.content), "direction": .string($0.direction),
                    "type": .string($0.type), "timestamp": .string($0.timestamp),
                ])
            } ?? .null,
            "unreadCount": number(item.unreadCount), "createdAt": .string(item.createdAt),
            "rating": item.rating.map { .object(["score": number($0.score), "comment": text($0.comment)]) }
                ?? .null,
        ])
    }

    private static func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    private static func number(_ value: Int) -> JSONValue { .number(Double(value)) }

    func detail(_ request: Request) throws -> Response {
        let id = try request.uuidParameter("id")
        guard
            let conversation = try services.requireReadModel().conversation(
                tenant: request.authenticatedUser.tenantId, id: id)
        else { throw APIError.notFound("Conversation not found") }
        return try Response.json(conversation)
    }

    func messages(_ request: Request) throws -> Response {
        let id = try request.uuidParameter("id")
        let before = try request.queryUUID("before")
        let after = try request.queryUUID("after")
        let cursor: MessageCursor
        switch (before, after) {
        case (nil, nil): cursor = .latest
        case (let before?, nil): cursor = .before(before)
        case (nil, let after?): cursor = .after(after)
        case (.some, .some): throw APIError.validation(field: "after", "use either before or after, not both")
        }
        let limit = try request.queryInt("limit", default: 50, range: 1...100)
        guard
            let page = try services.requireReadModel().messages(
                tenant: request.authenticatedUser.tenantId, conversation: id, cursor: cursor, limit: limit)
        else { throw APIError.notFound("Conversation not found") }
        return try Response.json(page)
    }

    func stats(_ request: Request) throws -> Response {
        let id = try request.uuidParameter("id")
        guard
            let stats = try services.requireReadModel().conversationStats(
                tenant: request.authenticatedUser.tenantId, conversation: id)
        else { throw APIError.notFound("Conversation not found") }
        return try Response.json(stats)
    }

    func transfers(_ request: Request) throws -> Response {
        let id = try request.uuidParameter("id")
        guard
            let transfers = try services.requireReadModel().transfers(
                tenant: request.authenticatedUser.tenantId, conversation: id)
        else { throw APIError.notFound("Conversation not found") }
        return try Response.json(["data": transfers])
    }

    func search(_ request: Request) throws -> Response {
        guard let query = try request.queryText("query") else {
            throw APIError.validation(field: "query", "query is required")
        }
        let result = try services.requireReadModel().searchMessages(
            tenant: request.authenticatedUser.tenantId, query: query,
            conversation: try request.queryUUID("conversationId"),
            limit: try request.queryInt("limit", default: 50, range: 1...100))
        return try Response.json(result)
    }
}
