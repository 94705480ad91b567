/// The personal part of a received message: everything the contact wrote or sent.
/// Every field is optional because each message type fills only its own.
public struct InboundContent: Codable, Sendable, Equatable, Hashable {
    /// Text body (text), or the chosen title (interactive replies, template buttons).
    public var text: String?
    /// Caption of an image, video or document.
    public var caption: String?
    /// Provider media id (Meta) of an image, audio, video, document or sticker.
    public var mediaId: String?
    /// Media URL when the provider gives one (Evolution).
    public var mediaUrl: String?
    /// MIME type of the media.
    public var mimeType: String?
    /// File name of a document.
    public var filename: String?
    /// Location shared by the contact.
    public var location: SharedLocation?
    /// Contact cards shared by the contact.
    public var contacts: [SharedContact]?
    /// Id of the chosen button or list row, or the template button payload.
    public var replyId: String?
    /// Description of the chosen list row.
    public var replyDescription: String?
    /// Emoji of a reaction (empty when the reaction was removed).
    public var emoji: String?

    public init(
        text: String? = nil, caption: String? = nil, mediaId: String? = nil,
        mediaUrl: String? = nil, mimeType: String? = nil, filename: String? = nil,
        location: SharedLocation? = nil, contacts: [SharedContact]? = nil,
        replyId: String? = nil, replyDescription: String? = nil, emoji: String? = nil
    ) {
        self.text = text
        self.caption = caption
        self.mediaId = mediaId
        self.mediaUrl = mediaUrl
        self.mimeType = mimeType
        self.filename = filename
        self.location = location
        self.contacts = contacts
        self.replyId = replyId
        self.replyDescription = replyDescription
        self.emoji = emoji
    }
}

extension InboundContent: JSONFieldDecodable {
    static let jsonKeys: [StaticString] = [
        "caption", "contacts", "emoji", "filename", "location", "mediaId", "mediaUrl", "mimeType",
        "replyDescription", "replyId", "text",
    ]

    init(fields: JSONFields) throws {
        self.init(
            text: try fields.optionalString(10), caption: try fields.optionalString(0),
            mediaId: try fields.optionalString(5), mediaUrl: try fields.optionalString(6),
            mimeType: try fields.optionalString(7), filename: try fields.optionalString(3),
            location: try fields.optionalValue(4, as: SharedLocation.self),
            contacts: try fields.optionalValue(1, as: [SharedContact].self),
            replyId: try fields.optionalString(9),
            replyDescription: try fields.optionalString(8), emoji: try fields.optionalString(2))
    }
}
