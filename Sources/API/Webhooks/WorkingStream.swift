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
    /// The data keys of the personal parts folded into `fold`, and the cache generation it was
    /// read in: what the pipeline's cache needs to take it back after the append.
    var dataKeys: Set<String> = []
    var generation: UInt64 = 0

    init(tenant: UUID, loadedVersion: UInt64) {
        self.tenant = tenant
        self.loadedVersion = loadedVersion
    }

    var expectedVersion: ExpectedVersion { ExpectedVersion(afterReading: loadedVersion) }
}
