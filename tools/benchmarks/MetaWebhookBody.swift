import API
import Foundation

/// Signed Meta Cloud API webhook requests, built before timing.
enum MetaWebhookBody {
    /// A complete `POST /webhooks/whatsapp` request: one inbound text from `phone`.
    static func request(phone: String, wamid: String, text: String) -> [UInt8] {
        let body = Array(message(phone: phone, wamid: wamid, text: text).utf8)
        let signature = WebhookSignature.sign(body: body, secret: Array(BenchServer.appSecret.utf8))
        return LoopbackConnection.request(
            "POST", "/webhooks/whatsapp",
            headers: [("Content-Type", "application/json"), ("X-Hub-Signature-256", signature)], body: body)
    }

    static func message(phone: String, wamid: String, text: String) -> String {
        let timestamp = Int(Date().timeIntervalSince1970)
        return """
            {"object":"whatsapp_business_account","entry":[{"id":"BENCH-WABA","changes":[{"field":"messages",\
            "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111",\
            "phone_number_id":"\(BenchServer.phoneNumberId)"},"contacts":[{"profile":{"name":"Cliente \(phone)"},\
            "wa_id":"\(phone)"}],"messages":[{"from":"\(phone)","id":"\(wamid)","timestamp":"\(timestamp)",\
            "type":"text","text":{"body":"\(text)"}}]}}]}]}
            """
    }

    /// The phone of contact `index` (E.164 digits, Brazil mobile).
    static func phone(_ index: Int) -> String { "55119\(String(format: "%08d", 10_000_000 + index))" }
}
