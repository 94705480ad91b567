import Domain

/// The secrets of a WhatsApp channel, stored sealed (secretbox under the master key) in
/// `WhatsAppChannelConfigured.sealedSecrets`.
struct ChannelSecrets: Codable, Equatable {
    /// Meta app secret: the HMAC key of `X-Hub-Signature-256`.
    var appSecret: String?
    /// Meta `hub.verify_token` of the subscription handshake.
    var verifyToken: String?
    /// Bearer token for sending (Meta) .
    var accessToken: String?
    /// Evolution `apikey`, shared by its webhooks and its send API.
    var apiKey: String?

    func sealed(with box: SecretBox) throws -> String {
        box.sealString(String(decoding: try JSONCoding.encode(self), as: UTF8.self))
    }

    /// Opens the secrets of a configured channel.
    static func open(_ channel: WhatsAppChannelConfigured, with box: SecretBox) throws -> ChannelSecrets {
        let json = try box.openString(channel.sealedSecrets)
        return try JSONCoding.decode(ChannelSecrets.self, from: Array(json.utf8))
    }
}
