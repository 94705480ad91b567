import Domain
import Foundation

/// How message content and metadata are shown (seed 001 `content` / `metadata`).
enum MessageContent {
    /// The text a person would read: text, caption, emoji, location or shared contact names,
    /// else the media reference.
    static func inbound(_ c: InboundContent) -> String? {
        if let text = c.text { return text }
        if let caption = c.caption { return caption }
        if let emoji = c.emoji { return emoji }
        if let description = c.replyDescription { return description }
        if let location = c.location {
            return [location.name, location.address].compactMap { $0 }.joined(separator: ", ")
        }
        if let contacts = c.contacts { return contacts.map(\.name).joined(separator: ", ") }
        return c.mediaUrl ?? c.mediaId
    }

    static func inboundMetadata(_ c: InboundContent, replyTo: String?) -> String? {
        var object: [String: JSONValue] = [:]
        if let v = c.mediaId { object["mediaId"] = .string(v) }
        if let v = c.mediaUrl { object["mediaUrl"] = .string(v) }
        if let v = c.mimeType { object["mimeType"] = .string(v) }
        if let v = c.filename { object["filename"] = .string(v) }
        if let v = c.caption { object["caption"] = .string(v) }
        if let v = c.replyId { object["replyId"] = .string(v) }
        if let v = c.emoji { object["emoji"] = .string(v) }
        if let v = replyTo { object["replyToWamid"] = .string(v) }
        if let l = c.location {
            var location: [String: JSONValue] = [
                "latitude": .number(l.latitude), "longitude": .number(l.longitude),
            ]
            if let name = l.name { location["name"] = .string(name) }
            if let address = l.address { location["address"] = .string(address) }
            object["location"] = .object(location)
        }
        if let contacts = c.contacts {
            object["contacts"] = .array(
                contacts.map {
                    .object(["name": .string($0.name), "phones": .array($0.phones.map { .string($0) })])
                })
        }
        return object.isEmpty ? nil : json(.object(object))
    }

    static func outboundMetadata(_ content: OutboundContent) -> String? {
        switch content {
        case .text:
            return nil
        case .media(let media):
            var object: [String: JSONValue] = [:]
            if let caption = media.caption { object["caption"] = .string(caption) }
            if let filename = media.filename { object["filename"] = .string(filename) }
            return object.isEmpty ? nil : json(.object(object))
        case .template(let template):
            return json(
                .object([
                    "templateName": .string(template.name), "languageCode": .string(template.languageCode),
                    "parameters": .array(template.parameters.map { .string($0) }),
                ]))
        case .buttons(let buttons):
            var object: [String: JSONValue] = [
                "interactiveType": .string("button"),
                "buttons": .array(
                    buttons.buttons.map { .object(["id": .string($0.id), "title": .string($0.title)]) }),
            ]
            if let header = buttons.header { object["headerText"] = .string(header) }
            if let footer = buttons.footer { object["footerText"] = .string(footer) }
            return json(.object(object))
        case .list(let list):
            var object: [String: JSONValue] = [
                "interactiveType": .string("list"), "buttonText": .string(list.buttonText),
                "sections": .array(
                    list.sections.map { section in
                        var s: [String: JSONValue] = [
                            "rows": .array(
                                section.rows.map { row in
                                    var r: [String: JSONValue] = [
                                        "id": .string(row.id), "title": .string(row.title),
                                    ]
                                    if let d = row.description { r["description"] = .string(d) }
                                    return .object(r)
                                })
                        ]
                        if let title = section.title { s["title"] = .string(title) }
                        return .object(s)
                    }),
            ]
            if let header = list.header { object["headerText"] = .string(header) }
            if let footer = list.footer { object["footerText"] = .string(footer) }
            return json(.object(object))
        }
    }

    /// `JSONValue`'s own serialisation (sorted keys): a `JSONEncoder` per message cost more than
    /// the rest of the fold during a rebuild. `jsonb` normalises the text anyway.
    private static func json(_ value: JSONValue) -> String? {
        value.serialized()
    }
}
