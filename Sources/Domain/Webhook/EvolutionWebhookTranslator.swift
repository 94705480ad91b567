import Foundation

/// Translates an Evolution API webhook (`{event, instance, data}`) into typed items:
/// `messages.upsert` (inbound, or outbound sent from the phone when `fromMe`),
/// `messages.update` (delivery statuses) and `connection.update`. Other events carry
/// nothing for the domain and translate to no items; group and broadcast chats are skipped.
public enum EvolutionWebhookTranslator {
    /// Translates `body`. `receivedAt` (ms) stands in for a timestamp the body lacks; a
    /// timestamp it has must be a second in years 1970…9999, or the path is named in an
    /// `ERR_INVALID_WEBHOOK`.
    public static func translate(_ body: [UInt8], receivedAt: Int64) throws -> WebhookTranslation {
        let root = try JSONNode.parse(body).object()
        let event = try root["event"].string().lowercased().replacingOccurrences(of: "_", with: ".")
        let instance = try instanceName(root)
        let fallbackTime = try envelopeTime(root["date_time"]) ?? receivedAt
        var items: [WebhookItem] = []
        switch event {
        case "messages.upsert":
            for record in try records(root["data"], nested: "messages") {
                if let item = try upsert(record, fallbackTime: fallbackTime) { items.append(item) }
            }
        case "messages.update":
            for record in try records(root["data"], nested: nil) {
                if let report = try update(record, fallbackTime: fallbackTime) {
                    items.append(.status(report))
                }
            }
        case "connection.update":
            let stateNode = root["data"]["state"]
            guard let state = ChannelConnectionState(rawValue: try stateNode.string()) else {
                throw stateNode.wrong("one of open, connecting, close")
            }
            let eventId = NameBasedID.make(
                provider: ChannelProvider.evolution.rawValue, providerId: Hex.encode(SHA256.hash(body)),
                kind: "connection")
            items.append(.connection(state: state, eventId: eventId))
        default:
            break
        }
        return WebhookTranslation(
            provider: .evolution, rawEventId: EventIDs.rawWebhook(provider: .evolution, body: body),
            channels: [ChannelItems(provider: .evolution, channelId: instance, items: items)])
    }

    private static func instanceName(_ root: JSONNode) throws -> String {
        if let name = root["instance"].optionalString { return name }
        if let name = root["instance"]["instanceName"].optionalString { return name }
        throw root["instance"].wrong("a string")
    }

    /// `data` is one record, an array of records, or `{<nested>: [records]}`.
    private static func records(_ data: JSONNode, nested: String?) throws -> [JSONNode] {
        if data.isObject, let nested, !data[nested].isMissing { return try data[nested].array() }
        if data.isObject { return [data] }
        return try data.array()
    }

    private static func upsert(_ record: JSONNode, fallbackTime: Int64) throws -> WebhookItem? {
        let key = try record.object()["key"].object()
        let remoteJid = try key["remoteJid"].string()
        if remoteJid.hasSuffix("@g.us") || remoteJid.hasSuffix("@broadcast")
            || remoteJid.hasSuffix("@newsletter")
        {
            return nil
        }
        let wamid = try key["id"].string()
        let phone = PhoneNumber.normalize(remoteJid)
        if phone.isEmpty { throw key["remoteJid"].wrong("a phone JID") }
        let timestamp = try record["messageTimestamp"].optionalMilliseconds() ?? fallbackTime
        let (type, content, target) = EvolutionMessageContent.parse(record["message"], record: record)
        if key["fromMe"].optionalBool == true {
            return .phoneOutbound(
                PhoneOutboundMessage(
                    provider: .evolution, wamid: wamid, to: phone, timestamp: timestamp,
                    content: EvolutionMessageContent.outbound(type: type, content: content)))
        }
        return .message(
            InboundMessage(
                provider: .evolution, wamid: wamid, from: phone,
                profileName: record["pushName"].optionalString,
                type: type, timestamp: timestamp, content: content, replyToWamid: target))
    }

    private static func update(_ record: JSONNode, fallbackTime: Int64) throws -> StatusReport? {
        _ = try record.object()
        if record["fromMe"].optionalBool == false || record["key"]["fromMe"].optionalBool == false {
            return nil
        }
        let idNode = record["keyId"].isMissing ? record["key"]["id"] : record["keyId"]
        let wamid = try idNode.string()
        let statusNode = record["status"]
        let status: DeliveryStatus
        switch statusNode.optionalString?.uppercased() {
        case "SERVER_ACK", "2": status = .sent
        case "DELIVERY_ACK", "3": status = .delivered
        case "READ", "PLAYED", "4", "5": status = .read
        case "ERROR", "0": status = .failed
        case nil: throw statusNode.wrong("a status")
        default: return nil
        }
        let failure =
            status == .failed
            ? DeliveryFailure(code: 0, title: "ERROR", details: "Evolution reported ERROR") : nil
        return StatusReport(
            provider: .evolution, wamid: wamid, status: status,
            timestamp: try record["messageTimestamp"].optionalMilliseconds() ?? fallbackTime,
            recipient: record["remoteJid"].optionalString.map(PhoneNumber.normalize), failure: failure)
    }

    /// The envelope's `date_time` (ISO 8601) as milliseconds; `nil` when missing or not a
    /// date, so the receive time stands in. A date outside years 1970…9999 is refused.
    private static func envelopeTime(_ node: JSONNode) throws -> Int64? {
        guard let text = node.optionalString, let date = parseDate(text) else { return nil }
        guard let milliseconds = ProviderTime.milliseconds(seconds: date.timeIntervalSince1970) else {
            throw node.wrong("a date between 1970 and 9999")
        }
        return milliseconds
    }

    /// Parse strategies are values, safe to share, and parse without building an ICU
    /// formatter per body (a formatter costs ~0.2 ms per webhook).
    private static let dateWithFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let dateWithoutFraction = Date.ISO8601FormatStyle()

    private static func parseDate(_ text: String) -> Date? {
        (try? dateWithFraction.parse(text)) ?? (try? dateWithoutFraction.parse(text))
    }
}
