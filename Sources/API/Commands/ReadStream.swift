import EventStore

/// A stream as a command read it: its name and what an append after that read expects.
public protocol ReadStream {
    var name: String { get }
    var expectedVersion: ExpectedVersion { get }
}

extension LoadedStream: ReadStream {}

extension FoldedStream: ReadStream {}
