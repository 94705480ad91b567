import Foundation
import Projections

/// Meta Cloud API webhook bodies, as WhatsApp would post them, for the local stand-ins (the
/// fake provider's status reports and the demo's simulated customers).
public enum MetaWebhookBody {
    /// An inbound text message from `phone`.
    public static func message(
        phoneNumberId: String, from phone: String, name: String, wamid: String, text: String,
        timestamp: Int64 = Timestamp.nowMilliseconds() / 1000
    ) -> [UInt8] {
        envelope(
            phoneNumberId: phoneNumberId,
            value: [
                "contacts": .array([
                    .object(["profile": .object(["name": .string(name)]), "wa_id": .string(phone)])
                ]),
                "messages": .array([
                    .object([
                        "from": .string(phone), "id": .string(wamid), "timestamp": .string(String(timestamp)),
                        "type": "text", "text": .object(["body": .string(text)]),
                    ])
                ]),
            ])
    }

    /// A delivery status of the outbound message `wamid`, with WhatsApp's error when it failed.
    public static func status(
        phoneNumberId: String, wamid: String, status: String, recipient: String,
        timestamp: Int64 = Timestamp.nowMilliseconds() / 1000,
        error: (code: Int, title: String, details: String)? = nil
    ) -> [UInt8] {
        var report: [String: JSONValue] = [
            "id": .string(wamid), "status": .string(status), "timestamp": .string(String(timestamp)),
            "recipient_id": .string(recipient),
        ]
        if let error {
            report["errors"] = .array([
                .object([
                    "code": .number(Double(error.code)), "title": .string(error.title),
                    "message": .string(error.title),
                    "error_data": .object(["details": .string(error.details)]),
                ])
            ])
        }
        return envelope(phoneNumberId: phoneNumberId, value: ["statuses": .array([.object(report)])])
    }

    private static func envelope(phoneNumberId: String, value: [String: JSONValue]) -> [UInt8] {
        var fields = value
        fields["messaging_product"] = "whatsapp"
        fields["metadata"] = .object([
            "display_phone_number": "15550000000", "phone_number_id": .string(phoneNumberId),
        ])
        let body = JSONValue.object([
            "object": "whatsapp_business_account",
            "entry": .array([
                .object([
                    "id": "WABA",
                    "changes": .array([.object(["field": "messages", "value": .object(fields)])]),
                ])
            ]),
        ])
        return Array(body.serialized().utf8)
    }
}
