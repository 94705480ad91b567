import CMicroHTTPD
import Foundation

extension RequestDispatcher {
    /// Queues a response whose body libmicrohttpd pulls from `stream` (chunked encoding).
    func queueStream(_ stream: any ResponseStream, _ response: Response, on connection: OpaquePointer)
        -> MHD_Result
    {
        let streamed = StreamConnection(stream: stream, connection: connection)
        let registry = streams
        registry.add(streamed)
        let holder = StreamHolder(connection: streamed, registry: registry)
        let created = MHD_create_response_from_callback(
            UInt64.max,  // MHD_SIZE_UNKNOWN: chunked
            16 * 1024,
            { cls, _, buffer, max in
                let holder = Unmanaged<StreamHolder>.fromOpaque(cls!).takeUnretainedValue()
                return holder.connection.read(into: buffer!, max: max)
            },
            Unmanaged.passRetained(holder).toOpaque(),
            { cls in
                // Balances passRetained: the response (and its connection) is gone.
                let holder = Unmanaged<StreamHolder>.fromOpaque(cls!).takeRetainedValue()
                holder.registry.remove(holder.connection)
                holder.connection.released()
            })
        guard let created else {
            registry.remove(streamed)
            streamed.released()
            return .NO
        }
        defer { MHD_destroy_response(created) }
        for header in response.headers {
            _ = MHD_add_response_header(created, header.name, header.value)
        }
        return MHD_queue_response(connection, UInt32(response.status), created)
    }
}

/// What the content-reader callbacks reach through `cls`.
private final class StreamHolder: Sendable {
    let connection: StreamConnection
    let registry: StreamRegistry

    init(connection: StreamConnection, registry: StreamRegistry) {
        self.connection = connection
        self.registry = registry
    }
}
