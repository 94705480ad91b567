import Foundation

/// An event to append.
public struct NewEvent: Sendable {
    /// Idempotency key: an id already in the log is not written again.
    public var id: UUID
    /// Versioned type name such as `MessageReceived.v1`.
    public var type: String
    /// Source time in ms since the epoch.
    public var occurredAt: Int64
    public var metadata: EventMetadata
    /// Stored in clear: structure, ids, numbers.
    public var payload: [UInt8]
    /// Stored sealed under `dataKey` (XChaCha20-Poly1305).
    public var personal: [UInt8]?
    /// Required when `personal` is set; the key is created on first use.
    public var dataKey: DataKeyID?

    public init(
        id: UUID, type: String, occurredAt: Int64, metadata: EventMetadata = EventMetadata(),
        payload: [UInt8], personal: [UInt8]? = nil, dataKey: DataKeyID? = nil
    ) {
        self.id = id
        self.type = type
        self.occurredAt = occurredAt
        self.metadata = metadata
        self.payload = payload
        self.personal = personal
        self.dataKey = dataKey
    }
}
