import Foundation

/// Commands on a conversation. Time comes from the `now` argument of `decide`.
public enum ConversationCommand: Sendable, Equatable {
    /// An agent opens a conversation. `openConversationExists` is whether the contact's
    /// `open-conversation` key is already held (the API looks it up).
    case open(
        conversationId: UUID, tenantId: UUID, contactId: UUID, byUserId: UUID?, departmentId: UUID?,
        openConversationExists: Bool)
    /// Move between OPEN, IN_PROGRESS and WAITING; CLOSED closes without notes.
    case changeStatus(ConversationStatus, byUserId: UUID?)
    case changePriority(ConversationPriority, byUserId: UUID?)
    /// Replace the tags (≤ 20).
    case changeTags([UUID], byUserId: UUID?)
    /// Assign to `userId`, or unassign with `nil`.
    case assign(userId: UUID?, byUserId: UUID?)
    /// Transfer to an agent and/or a department with a reason (seed 004).
    case transfer(transferId: UUID, toUserId: UUID?, toDepartmentId: UUID?, reason: String, byUserId: UUID?)
    /// Close with optional notes; releases the open-conversation key.
    case close(notes: String?, byUserId: UUID?)
    /// Reopen a closed conversation; refused while the contact has another open one.
    case reopen(byUserId: UUID?, openConversationExists: Bool)
    /// Rate a closed conversation 1–5 with an optional comment.
    case rate(score: Int, comment: String?)
    /// Record a message from the contact (the conversation must be open).
    case receive(InboundMessage)
    /// Queue an outbound message written by an agent.
    case queueOutbound(messageId: UUID, content: OutboundContent, sentById: UUID?)
    /// Record a message the business sent from the phone.
    case recordPhoneOutbound(PhoneOutboundMessage)
    /// The provider accepted the send and returned `wamid`; `pending` is the folded
    /// `wamid-…` stream, whose early statuses are applied now.
    case recordSent(messageId: UUID, wamid: String, pending: WamidStatuses?)
    /// The provider refused the send.
    case recordSendFailure(messageId: UUID, failure: DeliveryFailure)
    /// A status report for a message of this conversation.
    case applyStatus(StatusReport)
    /// An agent read the conversation.
    case markReadByAgent(userId: UUID)
}
