/// Names a data key of the keyring, e.g. `contact-<id>`; personal bytes are sealed under it.
public struct DataKeyID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}
