import Domain
import Foundation

/// How one provider call ended.
enum SendOutcome: Equatable {
    /// Accepted: the provider's message id.
    case accepted(wamid: String)
    /// Worth another try later (rate limit, 5xx, no answer).
    case retry(DeliveryFailure)
    /// Refused for good.
    case failed(DeliveryFailure)

    /// Reads a provider reply: Meta `messages[0].id` / `error{code,message,error_data}`,
    /// Evolution `key.id`.
    static func from(_ reply: ProviderReply, provider: ChannelProvider) -> SendOutcome {
        switch reply {
        case .transport(let reason):
            return .retry(
                DeliveryFailure(code: 0, title: "Provider unreachable", details: reason, retryable: true))
        case .http(let status, let body):
            let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
            if (200..<300).contains(status) {
                let wamid: String? =
                    switch provider {
                    case .meta: ((object["messages"] as? [[String: Any]])?.first?["id"] as? String)
                    case .evolution: (object["key"] as? [String: Any])?["id"] as? String
                    }
                if let wamid, !wamid.isEmpty { return .accepted(wamid: wamid) }
                return .failed(
                    DeliveryFailure(
                        code: status, title: "Unexpected provider answer", details: "no message id"))
            }
            let error = object["error"] as? [String: Any]
            let code = (error?["code"] as? Int) ?? status
            let title = (error?["message"] as? String) ?? (error?["title"] as? String) ?? "HTTP \(status)"
            let details =
                ((error?["error_data"] as? [String: Any])?["details"] as? String)
                ?? (object["message"] as? String) ?? String(decoding: body.prefix(500), as: UTF8.self)
            let retryable = DeliveryFailure.isRetryable(code: code) || status >= 500 || status == 429
            let failure = DeliveryFailure(code: code, title: title, details: details, retryable: retryable)
            return retryable ? .retry(failure) : .failed(failure)
        }
    }
}
