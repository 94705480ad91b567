/// Why the provider could not deliver a message (Meta `errors[]`, Evolution `ERROR`).
public struct DeliveryFailure: Codable, Sendable, Equatable, Hashable {
    /// Provider error code, e.g. 131047 (re-engagement required).
    public var code: Int
    /// Short title, e.g. "Re-engagement message".
    public var title: String
    /// Longer explanation (`error_data.details` or `message`).
    public var details: String?
    /// Whether sending again may succeed (rate limits, temporary outages).
    public var retryable: Bool

    public init(code: Int, title: String, details: String? = nil, retryable: Bool = false) {
        self.code = code
        self.title = title
        self.details = details
        self.retryable = retryable
    }

    /// Meta error codes that are worth a retry (throttling and temporary service errors).
    public static func isRetryable(code: Int) -> Bool {
        [1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004].contains(code)
    }
}
