import Domain
import Foundation

/// `POST /api/conversations` (seed 000 "open a ticket manually").
struct OpenConversationBody: Decodable {
    let phoneNumber: String
    let name: String?
    let departmentId: UUID?
}

/// `PATCH /api/conversations/:id`: every field optional; `assignedToId: null` unassigns.
struct UpdateConversationBody: Decodable {
    let status: ConversationStatus?
    let priority: ConversationPriority?
    /// Absent: leave as is; `.some(nil)`: unassign.
    let assignedToId: UUID??
    let tagIds: [UUID]?

    enum CodingKeys: String, CodingKey {
        case status, priority, assignedToId, tagIds
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decodeIfPresent(ConversationStatus.self, forKey: .status)
        priority = try container.decodeIfPresent(ConversationPriority.self, forKey: .priority)
        if container.contains(.assignedToId) {
            assignedToId = .some(
                try container.decodeNil(forKey: .assignedToId)
                    ? nil : try container.decode(UUID.self, forKey: .assignedToId))
        } else {
            assignedToId = nil
        }
        tagIds = try container.decodeIfPresent([UUID].self, forKey: .tagIds)
    }
}

/// `POST …/:id/assign`.
struct AssignBody: Decodable {
    let userId: UUID?
}

/// `POST …/:id/transfer` (seed 004 "transferir").
struct TransferBody: Decodable {
    let toUserId: UUID?
    let toDepartmentId: UUID?
    let reason: String
}

/// `POST …/:id/close`.
struct CloseBody: Decodable {
    let notes: String?
}

/// `POST …/:id/rating` (seed 004 "avaliar").
struct RatingBody: Decodable {
    let score: Int
    let comment: String?
}

/// `POST /api/departments` (seed 004 "departamentos").
struct DepartmentBody: Decodable {
    let name: String
    let color: String
    let maxConcurrentPerAgent: Int
    let expectedResponseMinutes: Int
}

/// `POST /api/tags`.
struct TagBody: Decodable {
    let name: String
    let color: String
}
