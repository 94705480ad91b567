import Foundation

/// A status report arrived for a wamid whose send is not recorded yet (stream `wamid-…`).
public struct PendingStatusRecorded: DomainEventBody {
    public static let type = "PendingStatusRecorded.v1"

    /// Provider message id.
    public var wamid: String
    /// Reported status (sent, delivered, read or failed).
    public var status: DeliveryStatus
    /// When the provider says (ms).
    public var at: Int64
    /// Failure details when failed.
    public var failure: DeliveryFailure?

    public init(wamid: String, status: DeliveryStatus, at: Int64, failure: DeliveryFailure? = nil) {
        self.wamid = wamid
        self.status = status
        self.at = at
        self.failure = failure
    }
}
