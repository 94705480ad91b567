import Foundation

/// Translates a Meta WhatsApp Cloud API webhook (`entry[].changes[].value`) into typed items.
/// Unknown message types become `unsupported`; unknown status values and non-message
/// change fields are skipped; a body that is not the documented shape is an
/// `ERR_INVALID_WEBHOOK` naming the path at fault.
public enum MetaWebhookTranslator {
    /// Translates `body`; the result depends only on its bytes.
    public static func translate(_ body: [UInt8]) throws -> WebhookTranslation {
        var channels: [ChannelItems] = []
        var indexByChannel: [String: Int] = [:]
        for change in try messageChanges(JSONNode.parse(body)) {
            let names = try profileNames(change.value)
            var items = try change.messages.map { WebhookItem.message(try message($0, names: names)) }
            items += try change.statuses.compactMap { try status($0).map(WebhookItem.status) }
            if let index = indexByChannel[change.channelId] {
                channels[index].items += items
            } else {
                indexByChannel[change.channelId] = channels.count
                channels.append(
                    ChannelItems(
                        provider: .meta, channelId: change.channelId,
                        displayPhoneNumber: change.metadata["display_phone_number"].optionalString,
                        items: items))
            }
        }
        return WebhookTranslation(
            provider: .meta, rawEventId: EventIDs.rawWebhook(provider: .meta, body: body), channels: channels)
    }

    /// The distinct `phone_number_id`s of `body`, in order of appearance: the channels
    /// `translate` would group items under, found without translating any message, so a
    /// request can be routed to the secret that must verify it before anything is parsed
    /// further. Throws what `translate` throws for a body that is not JSON or not the
    /// documented `entry[].changes[].value` shape.
    public static func channelIds(_ body: [UInt8]) throws -> [String] {
        var seen: Set<String> = []
        return try messageChanges(JSONNode.parse(body)).map(\.channelId).filter { seen.insert($0).inserted }
    }

    /// One `changes[]` element that carries messages or statuses.
    private struct MessageChange {
        var channelId: String
        var metadata: JSONNode
        var value: JSONNode
        var messages: [JSONNode]
        var statuses: [JSONNode]
    }

    /// The changes with `field` "messages" (or none) that carry messages or statuses; the
    /// one walk both `translate` and `channelIds` use, so they cannot disagree.
    private static func messageChanges(_ root: JSONNode) throws -> [MessageChange] {
        var changes: [MessageChange] = []
        for entry in try root.object()["entry"].array() {
            for change in try entry.object()["changes"].optionalArray() {
                if let field = change["field"].optionalString, field != "messages" { continue }
                let value = try change["value"].object()
                let messages = try value["messages"].optionalArray()
                let statuses = try value["statuses"].optionalArray()
                if messages.isEmpty && statuses.isEmpty { continue }
                let metadata = try value["metadata"].object()
                changes.append(
                    MessageChange(
                        channelId: try metadata["phone_number_id"].string(), metadata: metadata, value: value,
                        messages: messages, statuses: statuses))
            }
        }
        return changes
    }

    private static func profileNames(_ value: JSONNode) throws -> [String: String] {
        var names: [String: String] = [:]
        for contact in try value["contacts"].optionalArray() {
            if let waId = contact["wa_id"].optionalString,
                let name = contact["profile"]["name"].optionalString
            {
                names[PhoneNumber.normalize(waId)] = name
            }
        }
        return names
    }

    private static func message(_ node: JSONNode, names: [String: String]) throws -> InboundMessage {
        let object = try node.object()
        let from = PhoneNumber.normalize(try object["from"].string())
        let wamid = try object["id"].string()
        let timestamp = try object["timestamp"].milliseconds()
        let typeName = object["type"].optionalString ?? "unsupported"
        let (type, content, reactionTarget) = try MetaMessageContent.parse(
            typeName: typeName, message: object)
        return InboundMessage(
            provider: .meta, wamid: wamid, from: from,
            profileName: names[from] ?? (names.count == 1 ? names.values.first : nil),
            type: type, timestamp: timestamp, content: content,
            replyToWamid: reactionTarget ?? object["context"]["id"].optionalString)
    }

    private static func status(_ node: JSONNode) throws -> StatusReport? {
        let object = try node.object()
        let wamid = try object["id"].string()
        let timestamp = try object["timestamp"].milliseconds()
        let status: DeliveryStatus
        switch try object["status"].string() {
        case "sent": status = .sent
        case "delivered": status = .delivered
        case "read": status = .read
        case "failed": status = .failed
        default: return nil
        }
        var failure: DeliveryFailure?
        if status == .failed {
            let error = try object["errors"].optionalArray().first
            let code = error.flatMap { $0["code"].optionalInt64 }.flatMap { Int(exactly: $0) } ?? 0
            failure = DeliveryFailure(
                code: code, title: error?["title"].optionalString ?? "Failed",
                details: error?["error_data"]["details"].optionalString ?? error?["message"].optionalString,
                retryable: DeliveryFailure.isRetryable(code: code))
        }
        return StatusReport(
            provider: .meta, wamid: wamid, status: status, timestamp: timestamp,
            recipient: object["recipient_id"].optionalString.map(PhoneNumber.normalize), failure: failure)
    }
}
