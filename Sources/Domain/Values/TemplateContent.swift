/// An outbound template message (seed 001 `POST /api/messages/template`).
public struct TemplateContent: Codable, Sendable, Equatable, Hashable {
    public var name: String
    public var languageCode: String
    public var parameters: [String]

    public init(name: String, languageCode: String, parameters: [String]) {
        self.name = name
        self.languageCode = languageCode
        self.parameters = parameters
    }
}
