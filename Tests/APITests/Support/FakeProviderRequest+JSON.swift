import API
import Foundation

extension FakeProviderRequest {
    /// The body parsed as a JSON object (empty when it is not one), for assertions.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }
}
