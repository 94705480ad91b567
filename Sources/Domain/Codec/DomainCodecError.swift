/// Why stored bytes could not be turned back into an event.
public enum DomainCodecError: Error, Sendable, Equatable {
    /// The type name is not in the catalog (written by a newer version?).
    case unknownType(String)
    /// The clear payload of `type` is not valid; `reason` says what is wrong.
    case invalidPayload(type: String, reason: String)
    /// The personal part of `type` is present but not valid.
    case invalidPersonal(type: String, reason: String)
    /// The event could not be encoded (a non-finite number, for example).
    case unencodable(type: String, reason: String)
}
