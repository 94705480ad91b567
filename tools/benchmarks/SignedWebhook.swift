import API
import Foundation

/// Signed Meta Cloud API webhook requests, built before timing.
enum SignedWebhook {
    /// A complete `POST /webhooks/whatsapp` request: one inbound text from `phone`.
    static func request(phone: String, wamid: String, text: String) -> [UInt8] {
        let body = MetaWebhookBody.message(
            phoneNumberId: BenchServer.phoneNumberId, from: phone, name: "Cliente \(phone)", wamid: wamid,
            text: text)
        let signature = WebhookSignature.sign(body: body, secret: Array(BenchServer.appSecret.utf8))
        return LoopbackConnection.request(
            "POST", "/webhooks/whatsapp",
            headers: [("Content-Type", "application/json"), ("X-Hub-Signature-256", signature)], body: body)
    }

    /// The phone of contact `index` (E.164 digits, Brazil mobile).
    static func phone(_ index: Int) -> String { "55119\(String(format: "%08d", 10_000_000 + index))" }
}
