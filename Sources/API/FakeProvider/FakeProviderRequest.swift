import Foundation

/// One request the fake provider received.
public struct FakeProviderRequest: Sendable {
    public let method: String
    public let path: String
    /// Header values by lowercased name.
    public let headers: [String: String]
    public let body: [UInt8]
}

/// A scripted answer of the fake provider, used instead of success for the next send.
public enum FakeProviderFailure: Sendable, Equatable {
    /// A Meta Graph error `{"error":{"message","type","code","error_data":{"details"}}}`.
    case metaError(httpStatus: Int, code: Int, title: String, details: String)
    /// A bare HTTP error status.
    case httpStatus(Int)

    /// Meta's throttling error: retryable.
    public static let rateLimited = FakeProviderFailure.metaError(
        httpStatus: 429, code: 80007, title: "Rate limit hit",
        details: "Too many messages sent from this number")
    /// Meta's "message undeliverable": final.
    public static let undeliverable = FakeProviderFailure.metaError(
        httpStatus: 400, code: 131026, title: "Message undeliverable",
        details: "Receiver is incapable of receiving")
}
