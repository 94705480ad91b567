/// Interactive reply buttons (seed 001 `POST /api/messages/buttons`).
public struct ButtonsContent: Codable, Sendable, Equatable, Hashable {
    public var body: String
    public var buttons: [ReplyButton]
    public var header: String?
    public var footer: String?

    public init(body: String, buttons: [ReplyButton], header: String? = nil, footer: String? = nil) {
        self.body = body
        self.buttons = buttons
        self.header = header
        self.footer = footer
    }
}

/// One reply button.
public struct ReplyButton: Codable, Sendable, Equatable, Hashable {
    public var id: String
    public var title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}
