import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Calls providers over HTTP with URLSession, with a timeout per request.
public final class ProviderClient: Sendable {
    private let session: URLSession
    private let timeout: Double

    public init(timeoutSeconds: Double = 15) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        configuration.timeoutIntervalForResource = timeoutSeconds * 2
        configuration.httpMaximumConnectionsPerHost = 16
        session = URLSession(configuration: configuration)
        timeout = timeoutSeconds
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Sends `request` and blocks until the answer (or the timeout).
    public func send(_ request: ProviderRequest) -> ProviderReply {
        guard let url = URL(string: request.url) else { return .transport("invalid URL \(request.url)") }
        var urlRequest = URLRequest(url: url, timeoutInterval: timeout)
        urlRequest.httpMethod = "POST"
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = Data(request.body)
        let done = DispatchSemaphore(value: 0)
        let reply = ReplyBox()
        let task = session.dataTask(with: urlRequest) { data, response, error in
            if let response = response as? HTTPURLResponse {
                reply.set(.http(status: response.statusCode, body: data.map { Array($0) } ?? []))
            } else {
                reply.set(.transport(error.map { String(describing: $0) } ?? "no response"))
            }
            done.signal()
        }
        task.resume()
        done.wait()
        return reply.value ?? .transport("no response")
    }
}

/// Carries the reply out of URLSession's completion handler.
// @unchecked Sendable: written once before the semaphore is signalled, read after the wait.
private final class ReplyBox: @unchecked Sendable {
    private(set) var value: ProviderReply?
    func set(_ reply: ProviderReply) { value = reply }
}
