/// The per-type table of Meta message objects → (type, personal content, reaction target).
enum MetaMessageContent {
    static func parse(typeName: String, message: JSONNode) throws -> (
        InboundMessageType, InboundContent, String?
    ) {
        let body = message[typeName]
        switch typeName {
        case "text":
            return (.text, InboundContent(text: try body["body"].string()), nil)
        case "image", "video", "audio", "document", "sticker":
            let type: InboundMessageType =
                switch typeName {
                case "image": .image
                case "video": .video
                case "audio": .audio
                case "document": .document
                default: .sticker
                }
            _ = try body.object()
            return (
                type,
                InboundContent(
                    caption: body["caption"].optionalString, mediaId: body["id"].optionalString,
                    mediaUrl: body["url"].optionalString, mimeType: body["mime_type"].optionalString,
                    filename: body["filename"].optionalString),
                nil
            )
        case "location":
            guard let latitude = body["latitude"].optionalDouble else {
                throw body["latitude"].wrong("a number")
            }
            guard let longitude = body["longitude"].optionalDouble else {
                throw body["longitude"].wrong("a number")
            }
            let location = SharedLocation(
                latitude: latitude, longitude: longitude, name: body["name"].optionalString,
                address: body["address"].optionalString)
            return (.location, InboundContent(location: location), nil)
        case "contacts":
            let cards = try message["contacts"].array().map { card in
                SharedContact(
                    name: card["name"]["formatted_name"].optionalString ?? card["name"]["first_name"]
                        .optionalString ?? "",
                    phones: try card["phones"].optionalArray().compactMap { $0["phone"].optionalString })
            }
            return (.contacts, InboundContent(contacts: cards), nil)
        case "interactive":
            let kind = body["type"].optionalString ?? ""
            let reply = body[kind]
            return (
                .interactive,
                InboundContent(
                    text: reply["title"].optionalString, replyId: reply["id"].optionalString,
                    replyDescription: reply["description"].optionalString),
                nil
            )
        case "button":
            return (
                .button,
                InboundContent(text: body["text"].optionalString, replyId: body["payload"].optionalString),
                nil
            )
        case "reaction":
            return (
                .reaction, InboundContent(emoji: body["emoji"].optionalString ?? ""),
                body["message_id"].optionalString
            )
        default:
            return (.unsupported, InboundContent(), nil)
        }
    }
}
