import Domain
import Foundation

/// The HTTP request that hands one outbound message to the tenant's WhatsApp provider.
struct ProviderRequest {
    let url: URL
    let headers: [String: String]
    let body: [UInt8]

    /// Meta Cloud API `POST {base}/{version}/{phone_number_id}/messages`, or Evolution
    /// `POST {base}/message/sendText|sendMedia/{instance}`; nil when the channel lacks what
    /// the provider needs (the message then fails, not retried).
    static func make(
        channel: WhatsAppChannelConfigured, secrets: ChannelSecrets, to phone: String,
        content: OutboundContent
    ) -> ProviderRequest? {
        switch channel.provider {
        case .meta:
            guard let number = channel.phoneNumberId, let token = secrets.accessToken else { return nil }
            let base = trimmed(channel.apiBaseUrl ?? "https://graph.facebook.com")
            guard let url = URL(string: "\(base)/\(channel.apiVersion ?? "v21.0")/\(number)/messages") else {
                return nil
            }
            var message: [String: JSONValue] = [
                "messaging_product": "whatsapp", "recipient_type": "individual", "to": .string(phone),
            ]
            message.merge(metaContent(content)) { $1 }
            return ProviderRequest(
                url: url, headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
                body: Array(JSONValue.object(message).serialized().utf8))
        case .evolution:
            guard let instance = channel.instanceName, let key = secrets.apiKey, let base = channel.apiBaseUrl
            else {
                return nil
            }
            let path: String
            let body: [String: JSONValue]
            if case .media(let media) = content {
                path = "sendMedia"
                body = [
                    "number": .string(phone), "mediatype": .string(media.kind.rawValue.lowercased()),
                    "media": .string(media.url), "caption": media.caption.map(JSONValue.string) ?? .null,
                    "fileName": media.filename.map(JSONValue.string) ?? .null,
                ]
            } else {
                path = "sendText"
                body = ["number": .string(phone), "text": .string(content.summary)]
            }
            guard let url = URL(string: "\(trimmed(base))/message/\(path)/\(instance)") else { return nil }
            return ProviderRequest(
                url: url, headers: ["apikey": key, "Content-Type": "application/json"],
                body: Array(JSONValue.object(body).serialized().utf8))
        }
    }

    private static func trimmed(_ base: String) -> String {
        base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    private static func metaContent(_ content: OutboundContent) -> [String: JSONValue] {
        switch content {
        case .text(let body):
            return ["type": "text", "text": .object(["body": .string(body), "preview_url": false])]
        case .media(let media):
            let type = media.kind.rawValue.lowercased()
            var object: [String: JSONValue] = ["link": .string(media.url)]
            if let caption = media.caption { object["caption"] = .string(caption) }
            if let filename = media.filename { object["filename"] = .string(filename) }
            return ["type": .string(type), type: .object(object)]
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
            return ["type": "template", "template": .object(object)]
        case .buttons(let buttons):
            var interactive: [String: JSONValue] = [
                "type": "button", "body": .object(["text": .string(buttons.body)]),
                "action": .object([
                    "buttons": .array(
                        buttons.buttons.map { button in
                            .object([
                                "type": "reply",
                                "reply": .object(["id": .string(button.id), "title": .string(button.title)]),
                            ])
                        })
                ]),
            ]
            if let header = buttons.header {
                interactive["header"] = .object(["type": "text", "text": .string(header)])
            }
            if let footer = buttons.footer { interactive["footer"] = .object(["text": .string(footer)]) }
            return ["type": "interactive", "interactive": .object(interactive)]
        case .list(let list):
            var interactive: [String: JSONValue] = [
                "type": "list", "body": .object(["text": .string(list.body)]),
                "action": .object([
                    "button": .string(list.buttonText),
                    "sections": .array(
                        list.sections.map { section in
                            var object: [String: JSONValue] = [
                                "rows": .array(
                                    section.rows.map { row in
                                        var item: [String: JSONValue] = [
                                            "id": .string(row.id), "title": .string(row.title),
                                        ]
                                        if let description = row.description {
                                            item["description"] = .string(description)
                                        }
                                        return .object(item)
                                    })
                            ]
                            if let title = section.title { object["title"] = .string(title) }
                            return .object(object)
                        }),
                ]),
            ]
            if let header = list.header {
                interactive["header"] = .object(["type": "text", "text": .string(header)])
            }
            if let footer = list.footer { interactive["footer"] = .object(["text": .string(footer)]) }
            return ["type": "interactive", "interactive": .object(interactive)]
        }
    }
}
