/// Who opened a conversation: the contact's first inbound message, or an agent.
public enum ConversationOpener: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    case inbound
    case agent
}
