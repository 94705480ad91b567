/// Interactive list (seed 001 `POST /api/messages/list`).
public struct ListContent: Codable, Sendable, Equatable, Hashable {
    public var body: String
    public var buttonText: String
    public var sections: [ListSection]
    public var header: String?
    public var footer: String?

    public init(
        body: String, buttonText: String, sections: [ListSection], header: String? = nil,
        footer: String? = nil
    ) {
        self.body = body
        self.buttonText = buttonText
        self.sections = sections
        self.header = header
        self.footer = footer
    }
}

/// A titled group of rows in a list message.
public struct ListSection: Codable, Sendable, Equatable, Hashable {
    public var title: String?
    public var rows: [ListRow]

    public init(title: String? = nil, rows: [ListRow]) {
        self.title = title
        self.rows = rows
    }
}

/// One selectable row of a list message.
public struct ListRow: Codable, Sendable, Equatable, Hashable {
    public var id: String
    public var title: String
    public var description: String?

    public init(id: String, title: String, description: String? = nil) {
        self.id = id
        self.title = title
        self.description = description
    }
}
