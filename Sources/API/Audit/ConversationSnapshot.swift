import Domain
import Foundation

/// A conversation state replayed from the log, as `GET /api/audit/conversations/:id?asOf=` shows it.
enum ConversationSnapshot {
    static func json(_ state: Conversation, asOf: Int64, version: UInt64, position: UInt64) -> JSONValue {
        func id(_ value: UUID?) -> JSONValue { value.map { .string($0.lowercasedString) } ?? .null }
        func time(_ value: Int64?) -> JSONValue {
            value.map { .string(Timestamp.format(milliseconds: $0)) } ?? .null
        }
        return .object([
            "asOf": .string(Timestamp.format(milliseconds: asOf)),
            "streamVersion": .number(Double(version)),
            "position": .number(Double(position)),
            "conversation": .object([
                "id": id(state.id), "tenantId": id(state.tenantId), "contactId": id(state.contactId),
                "status": .string(state.status.rawValue), "priority": .string(state.priority.rawValue),
                "assignedToId": id(state.assignedUserId), "departmentId": id(state.departmentId),
                "tagIds": .array(state.tagIds.map { .string($0.lowercasedString) }),
                "createdAt": time(state.openedAt), "closedAt": time(state.closedAt),
                "lastMessageAt": time(state.lastMessageAt),
                "rating": state.rating.map { .number(Double($0)) } ?? .null,
                "unreadCount": .number(Double(state.unreadCount)),
                "messageCount": .number(Double(state.messages.count)),
            ]),
        ])
    }
}
