/// An event struct: clear fields only (ids, enums, numbers, timestamps), with a stable,
/// versioned type name such as `ConversationOpened.v1`.
public protocol DomainEventBody: Codable, Sendable, Equatable {
    /// The type name stored with the event; never changes once events are written.
    static var type: String { get }
}

/// An event that also carries personal data, kept in `personal` and encoded apart so the
/// store can seal it under `dataKey` and forget it on erasure.
public protocol PersonalDataEvent: DomainEventBody {
    /// The personal fields.
    associatedtype Personal: Codable, Sendable, Equatable
    /// The personal part; `nil` when it was erased (its data key forgotten).
    var personal: Personal? { get set }
    /// Name of the data key that seals `personal`.
    var dataKey: String { get }
}

extension PersonalDataEvent {
    /// Whether the personal part is gone (erased contact).
    public var isErased: Bool { personal == nil }
}
