import Domain
import EventStore
import Foundation

/// A stream as one webhook batch sees it: the events read from the log plus those the batch
/// has decided so far, appended at the version that was read.
struct WorkingStream {
    let tenant: UUID
    let loadedVersion: UInt64
    /// Loaded and newly decided events, in order (what the deciders fold).
    var events: [DomainEvent]
    /// Newly decided events with their fixed ids.
    var added: [(event: DomainEvent, id: UUID?)] = []

    var expectedVersion: ExpectedVersion { loadedVersion == 0 ? .noStream : .exact(loadedVersion) }
}
