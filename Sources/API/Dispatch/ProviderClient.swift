import Domain
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What the provider said about one send.
enum ProviderOutcome: Equatable {
    case sent(wamid: String)
    case failed(DeliveryFailure)
}

/// Calls the provider over HTTP (blocking, bounded by a timeout) and reads its answer:
/// the message id on success, the WhatsApp error code, title and details on failure.
struct ProviderClient: Sendable {
    let timeout: Double

    func send(_ request: ProviderRequest) -> ProviderOutcome {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: timeout)
        urlRequest.httpMethod = "POST"
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = Data(request.body)
        let result = ResultBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: urlRequest) { data, response, error in
            result.set(data: data, status: (response as? HTTPURLResponse)?.statusCode, error: error)
            done.signal()
        }.resume()
        done.wait()
        let (data, status, error) = result.get()
        guard error == nil, let status else {
            return .failed(
                DeliveryFailure(
                    code: 0, title: "Provider unreachable", details: error.map { String(describing: $0) },
                    retryable: true))
        }
        let json = data.flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any]
        if (200..<300).contains(status) {
            let metaId = (json?["messages"] as? [[String: Any]])?.first?["id"] as? String
            let evolutionId = (json?["key"] as? [String: Any])?["id"] as? String
            if let wamid = metaId ?? evolutionId { return .sent(wamid: wamid) }
            return .failed(DeliveryFailure(code: status, title: "Provider answered without a message id"))
        }
        let problem = json?["error"] as? [String: Any]
        let code = problem?["code"] as? Int ?? status
        let title = problem?["message"] as? String ?? problem?["title"] as? String ?? "HTTP \(status)"
        let details = (problem?["error_data"] as? [String: Any])?["details"] as? String
        let retryable = DeliveryFailure.isRetryable(code: code) || status == 429 || status >= 500
        return .failed(DeliveryFailure(code: code, title: title, details: details, retryable: retryable))
    }
}

/// Carries the completion handler's values back to the waiting thread.
private final class ResultBox: @unchecked Sendable {
    // @unchecked: written once by the completion handler before the semaphore is signalled,
    // read only after the wait returns.
    private var data: Data?
    private var status: Int?
    private var error: (any Error)?

    func set(data: Data?, status: Int?, error: (any Error)?) {
        self.data = data
        self.status = status
        self.error = error
    }

    func get() -> (Data?, Int?, (any Error)?) { (data, status, error) }
}
