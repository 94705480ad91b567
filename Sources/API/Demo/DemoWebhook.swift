import Foundation

/// Meta Cloud API webhook bodies the demo sends to the app.
enum DemoWebhook {
    static func message(phoneNumberId: String, from phone: String, name: String, wamid: String, text: String)
        -> [UInt8]
    {
        envelope(
            phoneNumberId: phoneNumberId,
            value: [
                "contacts": .array([
                    .object(["profile": .object(["name": .string(name)]), "wa_id": .string(phone)])
                ]),
                "messages": .array([
                    .object([
                        "from": .string(phone), "id": .string(wamid),
                        "timestamp": .string(String(Timestamp.nowMilliseconds() / 1000)), "type": "text",
                        "text": .object(["body": .string(text)]),
                    ])
                ]),
            ])
    }

    static func status(phoneNumberId: String, wamid: String, status: String, recipient: String) -> [UInt8] {
        envelope(
            phoneNumberId: phoneNumberId,
            value: [
                "statuses": .array([
                    .object([
                        "id": .string(wamid), "status": .string(status),
                        "timestamp": .string(String(Timestamp.nowMilliseconds() / 1000)),
                        "recipient_id": .string(recipient),
                    ])
                ])
            ])
    }

    private static func envelope(phoneNumberId: String, value: [String: JSONValue]) -> [UInt8] {
        var fields = value
        fields["messaging_product"] = "whatsapp"
        fields["metadata"] = .object([
            "display_phone_number": "15550001111", "phone_number_id": .string(phoneNumberId),
        ])
        let body = JSONValue.object([
            "object": "whatsapp_business_account",
            "entry": .array([
                .object([
                    "id": "DEMO-WABA",
                    "changes": .array([.object(["field": "messages", "value": .object(fields)])]),
                ])
            ]),
        ])
        return Array(body.serialized().utf8)
    }
}
