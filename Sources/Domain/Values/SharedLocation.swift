/// A location message.
public struct SharedLocation: Codable, Sendable, Equatable, Hashable {
    public var latitude: Double
    public var longitude: Double
    public var name: String?
    public var address: String?

    public init(latitude: Double, longitude: Double, name: String? = nil, address: String? = nil) {
        self.latitude = latitude
        self.longitude = longitude
        self.name = name
        self.address = address
    }
}
