/// Builders of provider webhook bodies in the shapes the providers document.
enum WebhookBodies {
    static func meta(phoneNumberId: String = "PNID1", messages: [String] = [], statuses: [String] = [])
        -> [UInt8]
    {
        Array(
            metaEntry(phoneNumberId: phoneNumberId, messages: messages, statuses: statuses).wrappedInObject
                .utf8)
    }

    static func metaEntry(phoneNumberId: String, messages: [String] = [], statuses: [String] = [])
        -> MetaEntry
    {
        MetaEntry(
            json: """
                {"id":"WABA1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",\
                "metadata":{"display_phone_number":"15550001111","phone_number_id":"\(phoneNumberId)"},\
                "contacts":[{"profile":{"name":"João Silva"},"wa_id":"5511999999999"}],\
                "messages":[\(messages.joined(separator: ","))],"statuses":[\(statuses.joined(separator: ","))]}}]}
                """)
    }

    static func metaMessage(id: String = "wamid.IN1", type: String, object: String, context: String? = nil)
        -> String
    {
        let contextPart = context.map { #","context":{"from":"5511999999999","id":"\#($0)"}"# } ?? ""
        return
            #"{"from":"5511999999999","id":"\#(id)","timestamp":"1731400000","type":"\#(type)","\#(type)":\#(object)\#(contextPart)}"#
    }

    static func metaStatus(id: String = "wamid.OUT1", status: String, errors: String? = nil) -> String {
        let errorPart = errors.map { #","errors":\#($0)"# } ?? ""
        return
            #"{"id":"\#(id)","status":"\#(status)","timestamp":"1731400100","recipient_id":"5511999999999"\#(errorPart)}"#
    }

    static func evolution(event: String, data: String, instance: String = "hotel_abc") -> [UInt8] {
        Array(
            #"{"event":"\#(event)","instance":"\#(instance)","data":\#(data),"server_url":"http://evo","apikey":"x"}"#
                .utf8)
    }

    static func evolutionUpsert(id: String = "BAE5F1", fromMe: Bool = false, message: String) -> [UInt8] {
        evolution(
            event: "messages.upsert",
            data: #"""
                {"key":{"remoteJid":"5511999999999@s.whatsapp.net","fromMe":\#(fromMe),"id":"\#(id)"},\#
                "pushName":"João Silva","message":\#(message),"messageType":"x","messageTimestamp":1698420000}
                """#)
    }
}

/// One `entry[]` element of a Meta webhook.
struct MetaEntry {
    var json: String

    var wrappedInObject: String { #"{"object":"whatsapp_business_account","entry":[\#(json)]}"# }

    static func body(_ entries: [MetaEntry]) -> [UInt8] {
        Array(
            #"{"object":"whatsapp_business_account","entry":[\#(entries.map(\.json).joined(separator: ","))]}"#
                .utf8)
    }
}
