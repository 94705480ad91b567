import Domain
import EventStore
import Foundation
import Projections

/// A tenant change as `GET /api/events` sends it: the seed 001 socket event name and payload.
struct ChangeEvent: Sendable, Equatable {
    let name: String
    let data: JSONValue

    /// The change an event of the log announces; nil for events clients do not follow
    /// (users, tenant settings, raw webhooks).
    static func from(_ recorded: RecordedEvent, contacts: inout ContactCards, store: EventStore)
        -> ChangeEvent?
    {
        let personal: [UInt8]?
        if case .clear(let bytes) = recorded.personal { personal = bytes } else { personal = nil }
        guard
            let event = try? DomainCodec.decode(
                type: recorded.type, payload: recorded.payload, personal: personal)
        else { return nil }
        let at = Timestamp.format(milliseconds: recorded.occurredAt)
        switch event {
        case .contactProfileUpdated(let updated):
            contacts.invalidate(updated.contactId)
            return nil
        case .contactErased(let erased):
            contacts.invalidate(erased.contactId)
            return nil
        case .conversationOpened(let opened):
            return ChangeEvent(
                name: "conversation:new",
                data: .object([
                    "conversation": .object([
                        "id": id(opened.conversationId), "tenantId": id(opened.tenantId),
                        "contactId": id(opened.contactId), "status": "OPEN", "priority": "MEDIUM",
                        "assignedToId": optional(opened.openedBy == .agent ? opened.byUserId : nil),
                        "departmentId": optional(opened.departmentId),
                        "createdAt": .string(Timestamp.format(milliseconds: opened.at)),
                    ])
                ]))
        case .conversationStatusChanged(let changed):
            return updated(changed.conversationId, ["status": .string(changed.to.rawValue)])
        case .conversationPriorityChanged(let changed):
            return updated(changed.conversationId, ["priority": .string(changed.priority.rawValue)])
        case .conversationTagsChanged(let changed):
            return updated(changed.conversationId, ["tagIds": .array(changed.tagIds.map(id))])
        case .conversationAssigned(let assigned):
            return updated(assigned.conversationId, ["assignedToId": optional(assigned.userId)])
        case .conversationTransferred(let transferred):
            var updates: [String: JSONValue] = ["assignedToId": optional(transferred.toUserId)]
            if let department = transferred.toDepartmentId { updates["departmentId"] = id(department) }
            return updated(transferred.conversationId, updates)
        case .conversationClosed(let closed):
            return updated(closed.conversationId, ["status": "CLOSED", "closedAt": .string(at)])
        case .conversationReopened(let reopened):
            return updated(reopened.conversationId, ["status": "OPEN", "closedAt": .null])
        case .conversationRated(let rated):
            return updated(rated.conversationId, ["rating": .object(["score": .number(Double(rated.score))])])
        case .messagesReadByAgent(let read):
            return updated(read.conversationId, ["unreadCount": 0])
        case .messageReceived(let received):
            return newMessage(
                received.conversationId,
                [
                    "id": id(received.messageId), "whatsappMessageId": .string(received.wamid),
                    "direction": "INBOUND", "type": .string(received.messageType.rawValue),
                    "content": optionalText(
                        received.personal?.text ?? received.personal?.caption, erased: recorded),
                    "status": "DELIVERED",
                    "timestamp": .string(Timestamp.format(milliseconds: received.providerTimestamp)),
                    "contact": contacts.card(received.contactId, store: store),
                ])
        case .outboundMessageQueued(let queued):
            return newMessage(
                queued.conversationId,
                [
                    "id": id(queued.messageId), "whatsappMessageId": .null, "direction": "OUTBOUND",
                    "type": .string(queued.kind.rawValue),
                    "content": optionalText(queued.personal?.summary, erased: recorded), "status": "QUEUED",
                    "sentById": optional(queued.sentById), "timestamp": .string(at),
                    "contact": contacts.card(queued.contactId, store: store),
                ])
        case .outboundMessageSent(let sent):
            return statusUpdate(sent.conversationId, sent.messageId, "SENT")
        case .messageDelivered(let delivered):
            return statusUpdate(delivered.conversationId, delivered.messageId, "DELIVERED")
        case .messageRead(let read):
            return statusUpdate(read.conversationId, read.messageId, "READ")
        case .messageFailed(let failed):
            return statusUpdate(failed.conversationId, failed.messageId, "FAILED")
        default:
            return nil
        }
    }

    private static func updated(_ conversation: UUID, _ updates: [String: JSONValue]) -> ChangeEvent {
        ChangeEvent(
            name: "conversation:updated",
            data: .object(["conversationId": id(conversation), "updates": .object(updates)]))
    }

    private static func newMessage(_ conversation: UUID, _ message: [String: JSONValue]) -> ChangeEvent {
        ChangeEvent(
            name: "message:new",
            data: .object(["conversationId": id(conversation), "message": .object(message)]))
    }

    private static func statusUpdate(_ conversation: UUID, _ message: UUID, _ status: String) -> ChangeEvent {
        ChangeEvent(
            name: "message:status-update",
            data: .object([
                "conversationId": id(conversation), "messageId": id(message), "status": .string(status),
            ]))
    }

    private static func id(_ value: UUID) -> JSONValue { .string(value.lowercasedString) }

    private static func optional(_ value: UUID?) -> JSONValue { value.map(id) ?? .null }

    private static func optionalText(_ text: String?, erased recorded: RecordedEvent) -> JSONValue {
        if recorded.personal == .erased { return "[erased]" }
        return text.map { .string($0) } ?? .null
    }
}
