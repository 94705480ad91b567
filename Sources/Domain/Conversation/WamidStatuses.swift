import Foundation

/// The `wamid-<sha256>` stream folded: statuses that arrived before their send was
/// recorded, and, once recorded, the conversation the wamid belongs to.
///
/// Status path (API): look up `UniqueKeys.wamid` → if held, load that conversation and
/// decide `.applyStatus`; else fold this stream and `decide` a report: it either records it
/// as pending or, when the send was linked meanwhile, names the conversation to apply it to.
/// Send path: fold this stream and pass it to `.recordSent`, which appends `WamidLinked` here
/// in the same request, so one of two racing appends fails its version check and retries.
public struct WamidStatuses: Aggregate, Equatable {
    public var wamid: String
    public var pending: [PendingStatusRecorded]
    public var link: WamidLinked?

    public init(wamid: String, pending: [PendingStatusRecorded] = [], link: WamidLinked? = nil) {
        self.wamid = wamid
        self.pending = pending
        self.link = link
    }

    /// What to do with a status report for a wamid whose key is not held.
    public enum Outcome: Sendable, Equatable {
        /// Append this to the `wamid-…` stream (`isNewStream` tells the expected version).
        case recordPending(StreamDecision)
        /// The send was recorded meanwhile: apply the report to this conversation.
        case applyTo(conversationId: UUID)
        /// Already recorded: nothing to do.
        case nothing
    }

    /// Folds one event of the wamid stream.
    public static func evolve(_ state: WamidStatuses?, _ event: DomainEvent) -> WamidStatuses? {
        switch event {
        case .pendingStatusRecorded(let pending):
            var next = state ?? WamidStatuses(wamid: pending.wamid)
            next.pending.append(pending)
            return next
        case .wamidLinked(let link):
            var next = state ?? WamidStatuses(wamid: link.wamid)
            next.link = link
            return next
        default:
            return state
        }
    }

    /// Decides what to do with `report` given the folded stream (`nil` = no stream yet).
    public static func decide(_ report: StatusReport, state: WamidStatuses?) -> Outcome {
        if let link = state?.link { return .applyTo(conversationId: link.conversationId) }
        if state?.pending.contains(where: { $0.status == report.status }) == true { return .nothing }
        let pending = PendingStatusRecorded(
            wamid: report.wamid, status: report.status, at: report.timestamp, failure: report.failure)
        return .recordPending(
            StreamDecision(
                stream: Streams.wamid(report.wamid), isNewStream: state == nil,
                events: [
                    DecidedEvent(
                        .pendingStatusRecorded(pending),
                        id: EventIDs.pendingStatus(wamid: report.wamid, status: report.status))
                ]))
    }
}
