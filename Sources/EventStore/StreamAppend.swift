import Foundation

/// Events for one stream of one tenant, with the version the caller expects.
public struct StreamAppend: Sendable {
    public var tenant: UUID
    public var stream: StreamName
    public var expectedVersion: ExpectedVersion
    public var events: [NewEvent]

    public init(tenant: UUID, stream: StreamName, expectedVersion: ExpectedVersion, events: [NewEvent]) {
        self.tenant = tenant
        self.stream = stream
        self.expectedVersion = expectedVersion
        self.events = events
    }
}
