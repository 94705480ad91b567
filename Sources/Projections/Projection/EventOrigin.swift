import EventStore
import Foundation

/// What the fold needs to know about the record an event came from: where it sits in the log,
/// whose it is, when it happened and whether its personal part was erased. Small and cheap to
/// copy, unlike the whole `RecordedEvent` with its payload and hashes.
struct EventOrigin: Sendable {
    let position: UInt64
    let tenant: UUID
    let occurredAt: Int64
    let erased: Bool

    init(_ recorded: RecordedEvent) {
        position = recorded.position
        tenant = recorded.tenant
        occurredAt = recorded.occurredAt
        erased = recorded.personal == .erased
    }
}
