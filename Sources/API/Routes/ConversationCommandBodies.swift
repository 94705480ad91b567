import Domain
import Foundation

/// `POST /api/conversations` (seed 000: open a conversation to a phone manually).
struct OpenConversationBody: Decodable {
    let phoneNumber: String
    let name: String?
    let departmentId: String?
}

/// `PATCH /api/conversations/:id`: every field optional; `assignedToId: null` unassigns.
struct UpdateConversationBody: Decodable {
    let status: String?
    let priority: String?
    /// Absent: leave as is; `.some(nil)`: unassign.
    let assignedToId: String??
    let tagIds: [String]?

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        priority = try container.decodeIfPresent(String.self, forKey: .priority)
        if container.contains(.assignedToId) {
            assignedToId = .some(
                try container.decodeNil(forKey: .assignedToId)
                    ? nil : try container.decode(String.self, forKey: .assignedToId))
        } else {
            assignedToId = nil
        }
        tagIds = try container.decodeIfPresent([String].self, forKey: .tagIds)
    }

    private enum CodingKeys: String, CodingKey {
        case status, priority, assignedToId, tagIds
    }
}

/// `POST /api/conversations/:id/assign`.
struct AssignBody: Decodable {
    let userId: String?
}

/// `POST /api/conversations/:id/transfer` (seed 004).
struct TransferBody: Decodable {
    let toUserId: String?
    let toDepartmentId: String?
    let reason: String
}

/// `POST /api/conversations/:id/close`.
struct CloseBody: Decodable {
    let notes: String?
}

/// `POST /api/conversations/:id/rating` (seed 004).
struct RatingBody: Decodable {
    let score: Int
    let comment: String?
}

/// Parsing of ids and enums from bodies, each failure naming its field.
enum BodyValue {
    static func uuid(_ text: String, field: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else {
            throw APIError.validation(field: field, "\(field) must be a UUID")
        }
        return id
    }

    static func status(_ text: String) throws -> ConversationStatus {
        guard let status = ConversationStatus(rawValue: text.uppercased()) else {
            throw APIError.validation(field: "status", "status must be OPEN, IN_PROGRESS, WAITING or CLOSED")
        }
        return status
    }

    static func priority(_ text: String) throws -> ConversationPriority {
        guard let priority = ConversationPriority(rawValue: text.uppercased()) else {
            throw APIError.validation(field: "priority", "priority must be LOW, MEDIUM, HIGH or URGENT")
        }
        return priority
    }
}
