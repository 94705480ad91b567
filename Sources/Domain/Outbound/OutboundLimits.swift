/// WhatsApp limits for outbound messages (seed 001 "Limites"), in characters as the user
/// sees them.
public enum OutboundLimits {
    /// Text message body.
    public static let textBody = 4096
    /// Caption of an image, video or document.
    public static let caption = 1024
    /// Media URL.
    public static let mediaURL = 2048
    /// Body of an interactive message.
    public static let interactiveBody = 1024
    /// Reply buttons per message.
    public static let buttons = 1...3
    /// Reply button title.
    public static let buttonTitle = 20
    /// Reply button / list row id.
    public static let replyId = 256
    /// Header and footer of an interactive message.
    public static let headerFooter = 60
    /// Rows of a list message, over all sections.
    public static let listRows = 1...10
    /// Sections of a list message.
    public static let listSections = 1...10
    /// Section title.
    public static let sectionTitle = 24
    /// List row title.
    public static let rowTitle = 24
    /// List row description.
    public static let rowDescription = 72
    /// Text of the button that opens a list.
    public static let listButtonText = 20
    /// Template name.
    public static let templateName = 512
    /// Template language code (`pt_BR`).
    public static let languageCode = 15
    /// One template parameter.
    public static let templateParameter = 1024
    /// Number of template parameters.
    public static let templateParameters = 0...100
}
