import Domain
import EventStore
import Foundation

extension CommandPlan {
    /// The plan for a decision taken on `loaded` (the command's own stream) of `tenant`.
    /// Other streams named by the decision are appended at their current version, read now,
    /// so a concurrent change to them also makes the command run again.
    public init(decision: Decision, tenant: UUID, loaded: some ReadStream, store: EventStore) throws {
        var streams = [
            PlannedStream(
                tenant: tenant, stream: loaded.name, expectedVersion: loaded.expectedVersion,
                events: decision.events.map { ($0.event, $0.id) })
        ]
        for other in decision.otherStreams where !other.events.isEmpty {
            let expected: ExpectedVersion
            if other.isNewStream {
                expected = .noStream
            } else {
                expected = ExpectedVersion(afterReading: try store.streamVersion(StreamName(other.stream)))
            }
            streams.append(
                PlannedStream(
                    tenant: tenant, stream: other.stream, expectedVersion: expected,
                    events: other.events.map { ($0.event, $0.id) }))
        }
        self.init(streams: streams, keyChanges: decision.keyChanges)
    }
}
