import Foundation

/// Where a page of messages starts: the latest ones, or before / after a message id.
public enum MessageCursor: Sendable, Equatable {
    case latest
    case before(UUID)
    case after(UUID)
}
