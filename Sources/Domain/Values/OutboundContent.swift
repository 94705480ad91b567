/// What an outbound message says; the personal part of `OutboundMessageQueued`.
public enum OutboundContent: Codable, Sendable, Equatable, Hashable {
    /// Free text (≤ 4096 characters).
    case text(body: String)
    /// Image, audio, video or document by URL, with an optional caption.
    case media(MediaContent)
    /// An approved template, the only kind allowed outside the 24-hour window.
    case template(TemplateContent)
    /// Interactive reply buttons (1–3).
    case buttons(ButtonsContent)
    /// Interactive list (≤ 10 rows in all).
    case list(ListContent)

    /// The seed 001 `type` of this content.
    public var kind: OutboundMessageKind {
        switch self {
        case .text: .text
        case .media(let media): media.kind.messageKind
        case .template: .template
        case .buttons, .list: .interactive
        }
    }

    /// The seed 001 `content` text shown in message lists.
    public var summary: String {
        switch self {
        case .text(let body): body
        case .media(let media): media.url
        case .template(let template): "Template: " + template.name
        case .buttons(let buttons): buttons.body
        case .list(let list): list.body
        }
    }
}

extension OutboundContent: JSONFieldDecodable {
    static let jsonKeys: [StaticString] = ["buttons", "list", "media", "template", "text"]

    /// The members of the `text` case.
    private struct Text: JSONFieldDecodable {
        static let jsonKeys: [StaticString] = ["body"]
        let body: String

        init(fields: JSONFields) throws {
            body = try fields.string(0)
        }
    }

    /// Only free text is read by hand; like the synthesized decoder, exactly one known member.
    init(fields: JSONFields) throws {
        guard fields.matched == 1 else { throw JSONFields.Unsure() }
        self = .text(body: try fields.object(4, as: Text.self).body)
    }
}
