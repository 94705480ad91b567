import Domain
import EventStore
import Foundation

/// A stream as one webhook batch sees it: its state as read from the log with the events the
/// batch has decided so far folded in, appended at the version that was read.
struct WorkingStream {
    let tenant: UUID
    let loadedVersion: UInt64
    /// The aggregate's state through the loaded and newly decided events, once the batch read
    /// the stream as one (a stream the batch only appends to is never folded).
    var fold: (any StreamFold)?
    /// Newly decided events with their fixed ids.
    var added: [(event: DomainEvent, id: UUID?)] = []

    init(tenant: UUID, loadedVersion: UInt64) {
        self.tenant = tenant
        self.loadedVersion = loadedVersion
    }

    var expectedVersion: ExpectedVersion { loadedVersion == 0 ? .noStream : .exact(loadedVersion) }
}
