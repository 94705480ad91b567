import Foundation

/// A queued outbound message waiting for (another) send attempt.
struct DispatchJob: Sendable {
    let tenant: UUID
    let conversationId: UUID
    let messageId: UUID
    /// Attempts made so far.
    var attempts: Int = 0
    /// Monotonic time (seconds) before which it must not be tried.
    var dueAt: Double = 0
}
