/// The per-type table of Evolution (Baileys) `message` objects → (type, content, target).
enum EvolutionMessageContent {
    static func parse(_ message: JSONNode, record: JSONNode) -> (InboundMessageType, InboundContent, String?)
    {
        let mediaUrl = message["mediaUrl"].optionalString ?? record["mediaUrl"].optionalString
        if let text = message["conversation"].optionalString {
            return (.text, InboundContent(text: text), nil)
        }
        let extended = message["extendedTextMessage"]
        if let text = extended["text"].optionalString {
            return (.text, InboundContent(text: text), extended["contextInfo"]["stanzaId"].optionalString)
        }
        let mediaTypes: [(String, InboundMessageType)] = [
            ("imageMessage", .image), ("videoMessage", .video), ("audioMessage", .audio),
            ("documentMessage", .document), ("stickerMessage", .sticker),
        ]
        let documentWithCaption = message["documentWithCaptionMessage"]["message"]["documentMessage"]
        for (field, type) in mediaTypes
        where message[field].isObject || (field == "documentMessage" && documentWithCaption.isObject) {
            let media = message[field].isObject ? message[field] : documentWithCaption
            let content = InboundContent(
                caption: media["caption"].optionalString, mediaUrl: mediaUrl ?? media["url"].optionalString,
                mimeType: media["mimetype"].optionalString, filename: media["fileName"].optionalString)
            return (type, content, media["contextInfo"]["stanzaId"].optionalString)
        }
        let location =
            message["locationMessage"].isObject ? message["locationMessage"] : message["liveLocationMessage"]
        if let latitude = location["degreesLatitude"].optionalDouble,
            let longitude = location["degreesLongitude"].optionalDouble
        {
            let shared = SharedLocation(
                latitude: latitude, longitude: longitude, name: location["name"].optionalString,
                address: location["address"].optionalString)
            return (.location, InboundContent(location: shared), nil)
        }
        if message["contactMessage"].isObject || message["contactsArrayMessage"].isObject {
            let cards =
                message["contactMessage"].isObject
                ? [message["contactMessage"]]
                : ((try? message["contactsArrayMessage"]["contacts"].array()) ?? [])
            let contacts = cards.map {
                SharedContact(
                    name: $0["displayName"].optionalString ?? "",
                    phones: phones(inVCard: $0["vcard"].optionalString ?? ""))
            }
            return (.contacts, InboundContent(contacts: contacts), nil)
        }
        let reaction = message["reactionMessage"]
        if reaction.isObject {
            return (
                .reaction, InboundContent(emoji: reaction["text"].optionalString ?? ""),
                reaction["key"]["id"].optionalString
            )
        }
        let buttons = message["buttonsResponseMessage"]
        if buttons.isObject {
            return (
                .interactive,
                InboundContent(
                    text: buttons["selectedDisplayText"].optionalString,
                    replyId: buttons["selectedButtonId"].optionalString),
                buttons["contextInfo"]["stanzaId"].optionalString
            )
        }
        let list = message["listResponseMessage"]
        if list.isObject {
            return (
                .interactive,
                InboundContent(
                    text: list["title"].optionalString,
                    replyId: list["singleSelectReply"]["selectedRowId"].optionalString,
                    replyDescription: list["description"].optionalString),
                list["contextInfo"]["stanzaId"].optionalString
            )
        }
        let template = message["templateButtonReplyMessage"]
        if template.isObject {
            return (
                .button,
                InboundContent(
                    text: template["selectedDisplayText"].optionalString,
                    replyId: template["selectedId"].optionalString),
                template["contextInfo"]["stanzaId"].optionalString
            )
        }
        return (.unsupported, InboundContent(), nil)
    }

    /// What a message sent from the phone becomes in the outbound model: text and media
    /// keep their content; other types are kept as a short text label.
    static func outbound(type: InboundMessageType, content: InboundContent) -> OutboundContent {
        let mediaKind: MediaKind? =
            switch type {
            case .image, .sticker: .image
            case .video: .video
            case .audio: .audio
            case .document: .document
            default: nil
            }
        if let mediaKind {
            return .media(
                MediaContent(
                    kind: mediaKind, url: content.mediaUrl ?? "", caption: content.caption,
                    filename: content.filename))
        }
        if let text = content.text { return .text(body: text) }
        return .text(body: "[" + type.rawValue + "]")
    }

    private static func phones(inVCard vcard: String) -> [String] {
        vcard.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            guard line.uppercased().hasPrefix("TEL") || line.uppercased().contains(".TEL"),
                let value = line.split(separator: ":", maxSplits: 1).last
            else { return nil }
            let digits = PhoneNumber.normalize(String(value))
            return digits.isEmpty ? nil : digits
        }
    }
}
