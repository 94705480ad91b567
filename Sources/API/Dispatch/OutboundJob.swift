import Domain
import Foundation

/// A queued outbound message waiting for its provider call.
struct OutboundJob {
    let position: UInt64
    let tenant: UUID
    let queued: OutboundMessageQueued
    var attempts = 0
    /// Not before this time (ms): the backoff of a retryable failure.
    var notBefore: Int64 = 0
}
