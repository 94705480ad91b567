/// The secret part of a channel: sealed together with the master key and stored only sealed.
public struct ChannelSecrets: Codable, Sendable, Equatable {
    /// Meta app secret: the HMAC key of `X-Hub-Signature-256`.
    public var appSecret: String?
    /// Meta verify token of `GET /webhooks/whatsapp`.
    public var verifyToken: String?
    /// Meta Cloud API bearer token.
    public var accessToken: String?
    /// Evolution API key: sent as `apikey` and expected on its webhooks.
    public var apiKey: String?

    public init(
        appSecret: String? = nil, verifyToken: String? = nil, accessToken: String? = nil,
        apiKey: String? = nil
    ) {
        self.appSecret = appSecret
        self.verifyToken = verifyToken
        self.accessToken = accessToken
        self.apiKey = apiKey
    }

    /// Seals the secrets as one value (base64 text for the event payload).
    func sealed(with box: SecretBox) throws -> String {
        box.sealString(String(decoding: try JSONCoding.encode(self), as: UTF8.self))
    }

    /// Opens what `sealed(with:)` produced.
    static func open(_ sealed: String, with box: SecretBox) throws -> ChannelSecrets {
        let text = try box.openString(sealed)
        return try JSONCoding.decode(ChannelSecrets.self, from: Array(text.utf8))
    }
}
