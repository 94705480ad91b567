import Domain
import Foundation
import Projections

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A blocking JSON-over-HTTP client for the demo's simulated users and provider.
struct DemoHTTPClient: Sendable {
    let base: String

    /// Sends and returns the status and the JSON answered (nil when it is not JSON).
    @discardableResult
    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8]? = nil)
        -> (status: Int, json: JSONNode?)
    {
        guard let url = URL(string: base + path) else { return (0, nil) }
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = Data(body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let box = DemoResult()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, _ in
            box.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            box.data = data
            done.signal()
        }.resume()
        done.wait()
        return (box.status, box.data.flatMap { try? JSONNode.parse(Array($0)) })
    }

    func sendJSON(_ method: String, _ path: String, _ object: JSONValue, headers: [String: String] = [:])
        -> (status: Int, json: JSONNode?)
    {
        send(method, path, headers: headers, body: Array(object.serialized().utf8))
    }
}

/// Carries a completion handler's values to the waiting thread.
private final class DemoResult: @unchecked Sendable {
    // @unchecked: written by the completion handler before the semaphore is signalled, read after.
    var status = 0
    var data: Data?
}
