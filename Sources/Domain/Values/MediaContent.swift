/// Outbound media by URL.
public struct MediaContent: Codable, Sendable, Equatable, Hashable {
    public var kind: MediaKind
    public var url: String
    public var caption: String?
    public var filename: String?

    public init(kind: MediaKind, url: String, caption: String? = nil, filename: String? = nil) {
        self.kind = kind
        self.url = url
        self.caption = caption
        self.filename = filename
    }
}
