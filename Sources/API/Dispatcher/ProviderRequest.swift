import Foundation

/// One HTTP call to a WhatsApp provider.
public struct ProviderRequest: Sendable, Equatable {
    public var url: String
    public var headers: [String: String]
    public var body: [UInt8]

    public init(url: String, headers: [String: String], body: [UInt8]) {
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// What came back: an HTTP answer, or no answer at all (timeout, refused connection).
public enum ProviderReply: Sendable, Equatable {
    case http(status: Int, body: [UInt8])
    case transport(String)
}
