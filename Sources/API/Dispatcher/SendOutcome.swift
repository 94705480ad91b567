import Domain

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
            let answer = try? JSONNode.parse(body)
            if (200..<300).contains(status) {
                let wamid: String? =
                    switch provider {
                    case .meta: (try? answer?["messages"].optionalArray().first)??["id"].optionalString
                    case .evolution: answer?["key"]["id"].optionalString
                    }
                if let wamid, !wamid.isEmpty { return .accepted(wamid: wamid) }
                return .failed(
                    DeliveryFailure(
                        code: status, title: "Unexpected provider answer", details: "no message id"))
            }
            let error = answer?["error"]
            let code = error?["code"].optionalInt64.flatMap { Int(exactly: $0) } ?? status
            let title = error?["message"].optionalString ?? error?["title"].optionalString ?? "HTTP \(status)"
            let details =
                error?["error_data"]["details"].optionalString ?? answer?["message"].optionalString
                ?? String(decoding: body.prefix(500), as: UTF8.self)
            let retryable = DeliveryFailure.isRetryable(code: code) || status >= 500 || status == 429
            let failure = DeliveryFailure(code: code, title: title, details: details, retryable: retryable)
            return retryable ? .retry(failure) : .failed(failure)
        }
    }
}
