import Foundation

/// Meta Cloud API webhook bodies as WhatsApp sends them.
enum MetaWebhookBodies {
    /// One inbound message of `type` whose type object is `object` (JSON text).
    static func message(
        phoneNumberId: String, from: String, name: String = "João Silva", wamid: String, timestamp: Int64,
        type: String, object: String, context: String? = nil
    ) -> String {
        let typePart = type == "contacts" ? "\"contacts\":\(object)" : "\"\(type)\":\(object)"
        let contextPart = context.map { ",\"context\":{\"from\":\"\(from)\",\"id\":\"\($0)\"}" } ?? ""
        return """
            {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":\
            {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"\(phoneNumberId)"},\
            "contacts":[{"profile":{"name":"\(name)"},"wa_id":"\(from)"}],\
            "messages":[{"from":"\(from)","id":"\(wamid)","timestamp":"\(timestamp)","type":"\(type)",\(typePart)\(contextPart)}]}}]}]}
            """
    }

    /// A text message.
    static func text(
        phoneNumberId: String, from: String, wamid: String, body: String, timestamp: Int64 = nowSeconds,
        name: String = "João Silva"
    ) -> String {
        message(
            phoneNumberId: phoneNumberId, from: from, name: name, wamid: wamid, timestamp: timestamp,
            type: "text",
            object: "{\"body\":\"\(body)\"}")
    }

    /// Statuses for outbound messages.
    static func statuses(
        phoneNumberId: String, _ statuses: [(wamid: String, status: String, recipient: String)]
    )
        -> String
    {
        let items = statuses.map {
            "{\"id\":\"\($0.wamid)\",\"status\":\"\($0.status)\",\"timestamp\":\"\(nowSeconds)\",\"recipient_id\":\"\($0.recipient)\"}"
        }.joined(separator: ",")
        return """
            {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":\
            {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"\(phoneNumberId)"},\
            "statuses":[\(items)]}}]}]}
            """
    }

    static var nowSeconds: Int64 { Int64(Date().timeIntervalSince1970) }
}
