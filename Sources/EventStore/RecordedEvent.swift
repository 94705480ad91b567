import Foundation

/// An event as stored in the log.
public struct RecordedEvent: Sendable, Equatable {
    /// Global position, from 1, dense.
    public var position: UInt64
    public var tenant: UUID
    public var stream: StreamName
    /// 1-based version within `stream`.
    public var streamVersion: UInt64
    public var id: UUID
    public var type: String
    /// Server clock in ms since the epoch; never decreases along the log.
    public var recordedAt: Int64
    public var occurredAt: Int64
    public var metadata: EventMetadata
    public var payload: [UInt8]
    public var personal: PersonalPart
    public var dataKey: DataKeyID?
    /// SHA-256(previous hash of the tenant ‖ canonical record bytes).
    public var chainHash: [UInt8]
}
