/// A contact card inside a `contacts` message.
public struct SharedContact: Codable, Sendable, Equatable, Hashable {
    /// Formatted name of the card.
    public var name: String
    /// Phone numbers on the card.
    public var phones: [String]

    public init(name: String, phones: [String]) {
        self.name = name
        self.phones = phones
    }
}
