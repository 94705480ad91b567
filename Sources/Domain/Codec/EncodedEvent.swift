/// An event as bytes for the store: clear `payload`, and the `personal` part to be sealed
/// under `dataKey` (both `nil` for events without personal data).
public struct EncodedEvent: Sendable, Equatable {
    /// Stable type name, e.g. `MessageReceived.v1`.
    public var type: String
    /// JSON of the clear fields.
    public var payload: [UInt8]
    /// JSON of the personal fields, or `nil`.
    public var personal: [UInt8]?
    /// Data key name that must seal `personal`, or `nil`.
    public var dataKey: String?

    public init(type: String, payload: [UInt8], personal: [UInt8]?, dataKey: String?) {
        self.type = type
        self.payload = payload
        self.personal = personal
        self.dataKey = dataKey
    }
}
