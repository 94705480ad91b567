import Domain

/// `POST /api/messages`: text, or media by URL with `metadata.caption`.
struct SendMessageRequest: Decodable {
    var conversationId: String
    /// Defaults to `TEXT`.
    var type: String?
    var content: String
    var metadata: Metadata?

    struct Metadata: Decodable {
        var caption: String?
        var filename: String?
    }

    func outboundContent() throws -> OutboundContent {
        let media: MediaKind
        switch (type ?? "TEXT").uppercased() {
        case "TEXT": return .text(body: content)
        case "IMAGE": media = .image
        case "AUDIO": media = .audio
        case "VIDEO": media = .video
        case "DOCUMENT": media = .document
        default:
            throw APIError.validation(field: "type", "type must be TEXT, IMAGE, AUDIO, VIDEO or DOCUMENT")
        }
        return .media(
            MediaContent(kind: media, url: content, caption: metadata?.caption, filename: metadata?.filename))
    }
}

/// `POST /api/messages/template`.
struct SendTemplateRequest: Decodable {
    var conversationId: String
    var templateName: String
    var parameters: [String]?
    var languageCode: String?

    func outboundContent() -> OutboundContent {
        .template(
            TemplateContent(
                name: templateName, languageCode: languageCode ?? "pt_BR", parameters: parameters ?? []))
    }
}

/// `POST /api/messages/buttons`.
struct SendButtonsRequest: Decodable {
    var conversationId: String
    var bodyText: String
    var buttons: [Button]
    var headerText: String?
    var footerText: String?

    struct Button: Decodable {
        var id: String
        var title: String
    }

    func outboundContent() -> OutboundContent {
        .buttons(
            ButtonsContent(
                body: bodyText, buttons: buttons.map { ReplyButton(id: $0.id, title: $0.title) },
                header: headerText,
                footer: footerText))
    }
}

/// `POST /api/messages/list`.
struct SendListRequest: Decodable {
    var conversationId: String
    var bodyText: String
    var buttonText: String
    var sections: [Section]
    var headerText: String?
    var footerText: String?

    struct Section: Decodable {
        var title: String?
        var rows: [Row]
    }

    struct Row: Decodable {
        var id: String
        var title: String
        var description: String?
    }

    func outboundContent() -> OutboundContent {
        .list(
            ListContent(
                body: bodyText, buttonText: buttonText,
                sections: sections.map { section in
                    ListSection(
                        title: section.title,
                        rows: section.rows.map {
                            ListRow(id: $0.id, title: $0.title, description: $0.description)
                        })
                }, header: headerText, footer: footerText))
    }
}
