/// `POST /api/messages`: text, or media by URL (`content` is the URL).
struct SendMessageBody: Decodable {
    struct Metadata: Decodable {
        let caption: String?
        let filename: String?
    }

    let conversationId: String
    let type: String?
    let content: String
    let metadata: Metadata?
}

/// `POST /api/messages/template`.
struct SendTemplateBody: Decodable {
    let conversationId: String
    let templateName: String
    let parameters: [String]?
    let languageCode: String?
}

/// `POST /api/messages/buttons` (seed 001 limits enforced by the Domain).
struct SendButtonsBody: Decodable {
    struct Button: Decodable {
        let id: String
        let title: String
    }

    let conversationId: String
    let bodyText: String
    let buttons: [Button]
    let headerText: String?
    let footerText: String?
}

/// `POST /api/messages/list`.
struct SendListBody: Decodable {
    struct Row: Decodable {
        let id: String
        let title: String
        let description: String?
    }

    struct Section: Decodable {
        let title: String?
        let rows: [Row]
    }

    let conversationId: String
    let bodyText: String
    let buttonText: String
    let sections: [Section]
    let headerText: String?
    let footerText: String?
}
