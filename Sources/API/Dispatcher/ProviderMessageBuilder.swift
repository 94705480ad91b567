import Domain
import Foundation
import Projections

/// Builds the provider call that sends one outbound message.
enum ProviderMessageBuilder {
    /// Meta: `POST {base}/{version}/{phoneNumberId}/messages`, bearer token, Cloud API body.
    /// Evolution: `POST {base}/message/sendText|sendMedia/{instance}` with `apikey`.
    /// The message id travels as `Idempotency-Key`, so a provider that honours it never sends twice.
    static func request(channel: ChannelEntry, to phone: String, content: OutboundContent, messageId: UUID)
        throws
        -> ProviderRequest
    {
        let base = trimmed(channel.apiBaseUrl ?? ChannelRoutes.metaBaseURL)
        var headers = ["Content-Type": "application/json", "Idempotency-Key": messageId.lowercasedString]
        switch channel.provider {
        case .meta:
            guard let number = channel.phoneNumberId, let token = channel.secrets?.accessToken else {
                throw ProviderSetupError.incompleteChannel
            }
            headers["Authorization"] = "Bearer " + token
            let url =
                base + "/" + (channel.apiVersion ?? ChannelRoutes.metaVersion) + "/" + number + "/messages"
            return ProviderRequest(
                url: url, headers: headers, body: Array(metaBody(to: phone, content).serialized().utf8))
        case .evolution:
            guard let instance = channel.instanceName, let key = channel.secrets?.apiKey else {
                throw ProviderSetupError.incompleteChannel
            }
            headers["apikey"] = key
            let path = instance.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? instance
            if case .media(let media) = content {
                var body: [String: JSONValue] = [
                    "number": .string(phone), "mediatype": .string(media.kind.rawValue.lowercased()),
                    "media": .string(media.url),
                ]
                if let caption = media.caption { body["caption"] = .string(caption) }
                if let filename = media.filename { body["fileName"] = .string(filename) }
                return ProviderRequest(
                    url: base + "/message/sendMedia/" + path, headers: headers,
                    body: Array(JSONValue.object(body).serialized().utf8))
            }
            let body: JSONValue = .object(["number": .string(phone), "text": .string(evolutionText(content))])
            return ProviderRequest(
                url: base + "/message/sendText/" + path, headers: headers, body: Array(body.serialized().utf8)
            )
        }
    }

    /// The Cloud API JSON of one message.
    static func metaBody(to phone: String, _ content: OutboundContent) -> JSONValue {
        var body: [String: JSONValue] = [
            "messaging_product": "whatsapp", "recipient_type": "individual", "to": .string(phone),
        ]
        switch content {
        case .text(let text):
            body["type"] = "text"
            body["text"] = .object(["body": .string(text), "preview_url": false])
        case .media(let media):
            let type = media.kind.rawValue.lowercased()
            var object: [String: JSONValue] = ["link": .string(media.url)]
            if let caption = media.caption, media.kind != .audio { object["caption"] = .string(caption) }
            if let filename = media.filename, media.kind == .document {
                object["filename"] = .string(filename)
            }
            body["type"] = .string(type)
            body[type] = .object(object)
        case .template(let template):
            var object: [String: JSONValue] = [
                "name": .string(template.name), "language": .object(["code": .string(template.languageCode)]),
            ]
            if !template.parameters.isEmpty {
                object["components"] = .array([
                    .object([
                        "type": "body",
                        "parameters": .array(
                            template.parameters.map { .object(["type": "text", "text": .string($0)]) }),
                    ])
                ])
            }
            body["type"] = "template"
            body["template"] = .object(object)
        case .buttons(let buttons):
            var object = interactiveFrame(
                type: "button", body: buttons.body, header: buttons.header, footer: buttons.footer)
            object["action"] = .object([
                "buttons": .array(
                    buttons.buttons.map {
                        .object([
                            "type": "reply",
                            "reply": .object(["id": .string($0.id), "title": .string($0.title)]),
                        ])
                    })
            ])
            body["type"] = "interactive"
            body["interactive"] = .object(object)
        case .list(let list):
            var object = interactiveFrame(
                type: "list", body: list.body, header: list.header, footer: list.footer)
            object["action"] = .object([
                "button": .string(list.buttonText),
                "sections": .array(
                    list.sections.map { section in
                        var sectionObject: [String: JSONValue] = [
                            "rows": .array(
                                section.rows.map { row in
                                    var rowObject: [String: JSONValue] = [
                                        "id": .string(row.id), "title": .string(row.title),
                                    ]
                                    if let description = row.description {
                                        rowObject["description"] = .string(description)
                                    }
                                    return .object(rowObject)
                                })
                        ]
                        if let title = section.title { sectionObject["title"] = .string(title) }
                        return .object(sectionObject)
                    }),
            ])
            body["type"] = "interactive"
            body["interactive"] = .object(object)
        }
        return .object(body)
    }

    private static func interactiveFrame(type: String, body: String, header: String?, footer: String?)
        -> [String: JSONValue]
    {
        var object: [String: JSONValue] = ["type": .string(type), "body": .object(["text": .string(body)])]
        if let header { object["header"] = .object(["type": "text", "text": .string(header)]) }
        if let footer { object["footer"] = .object(["text": .string(footer)]) }
        return object
    }

    /// Evolution's sendText carries templates and interactive messages as their text.
    private static func evolutionText(_ content: OutboundContent) -> String {
        switch content {
        case .text(let body): body
        case .template(let template): ([template.name] + template.parameters).joined(separator: " ")
        case .buttons(let buttons):
            ([buttons.body] + buttons.buttons.enumerated().map { "\($0.offset + 1). \($0.element.title)" })
                .joined(separator: "\n")
        case .list(let list):
            ([list.body]
                + list.sections.flatMap(\.rows).enumerated().map { "\($0.offset + 1). \($0.element.title)" })
                .joined(separator: "\n")
        case .media(let media): media.caption ?? media.url
        }
    }

    private static func trimmed(_ base: String) -> String {
        var result = base
        while result.hasSuffix("/") { result.removeLast() }
        return result
    }
}

/// The channel lacks what a send needs (its secrets could not be opened).
enum ProviderSetupError: Error {
    case incompleteChannel
}
