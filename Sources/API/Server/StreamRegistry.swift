import Foundation
import Synchronization

/// The streamed responses in progress, so stopping the server can end them first:
/// libmicrohttpd must not be stopped while a connection is suspended.
final class StreamRegistry: Sendable {
    private let live = Mutex<[ObjectIdentifier: StreamConnection]>([:])

    func add(_ connection: StreamConnection) {
        live.withLock { $0[ObjectIdentifier(connection)] = connection }
    }

    func remove(_ connection: StreamConnection) {
        live.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    /// Ends every stream and waits (bounded) until none is left suspended.
    func endAll(timeout: Double = 2) {
        let connections = live.withLock { Array($0.values) }
        for connection in connections { connection.end() }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, live.withLock({ $0.values.contains { $0.isSuspended } }) {
            usleep(5_000)
        }
    }
}
