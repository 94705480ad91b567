import CMicroHTTPD
import Foundation
import Projections

/// The state libmicrohttpd's callbacks reach through their `cls` pointer: turns a connection's
/// calls into a `Request`, runs the router, queues the response, logs and counts it, and tells
/// `connections` where each connection's request stands.
final class RequestDispatcher: Sendable {
    let router: Router
    let logger: Logger
    let metrics: MetricsRegistry
    let connections: OpenConnections

    init(router: Router, logger: Logger, metrics: MetricsRegistry, connections: OpenConnections) {
        self.router = router
        self.logger = logger
        self.metrics = metrics
        self.connections = connections
    }

    /// A connection opened or is about to be closed.
    func notify(connection: OpaquePointer, code: MHD_ConnectionNotificationCode) {
        switch code {
        case .CONNECTION_NOTIFY_STARTED:
            connections.started(
                connection, descriptor: chatledger_mhd_connection_fd(connection),
                now: DispatchTime.now().uptimeNanoseconds)
        case .CONNECTION_NOTIFY_CLOSED:
            connections.closed(connection)
        @unknown default:
            break
        }
    }

    /// The request is over (answered, failed or abandoned): frees its pending state and starts
    /// the connection's clock for the next request's headers.
    func completed(connection: OpaquePointer, state: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) {
        // Balances the passRetained of the request's first call.
        if let state, let pending = state.pointee {
            Unmanaged<PendingRequest>.fromOpaque(pending).release()
            state.pointee = nil
        }
        connections.requestCompleted(connection, now: DispatchTime.now().uptimeNanoseconds)
    }

    /// The access handler: first call creates the pending request (and may refuse an
    /// announced oversized body at once), later calls take body chunks, the last one answers.
    func access(
        connection: OpaquePointer, url: UnsafePointer<CChar>, method: UnsafePointer<CChar>,
        uploadData: UnsafePointer<CChar>?, uploadDataSize: UnsafeMutablePointer<Int>,
        state: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        guard let existing = state.pointee else {
            connections.headersReceived(connection, now: DispatchTime.now().uptimeNanoseconds)
            let path = String(cString: url)
            let methodName = String(cString: method)
            let limit = router.bodyLimit(method: methodName, path: path)
            let announced = lookup(connection, kind: .HEADER_KIND, "Content-Length").flatMap { Int($0) }
            let pending = PendingRequest(bodyLimit: limit, expectedLength: announced)
            state.pointee = Unmanaged.passRetained(pending).toOpaque()
            if let announced, announced > limit {
                // Answer before the body is read; libmicrohttpd then closes the connection.
                pending.tooLarge = true
                return finish(connection: connection, path: path, method: methodName, pending: pending)
            }
            return .YES
        }
        let pending = Unmanaged<PendingRequest>.fromOpaque(existing).takeUnretainedValue()
        if uploadDataSize.pointee > 0 {
            if let uploadData {
                pending.append(UnsafeRawBufferPointer(start: uploadData, count: uploadDataSize.pointee))
            }
            uploadDataSize.pointee = 0
            return .YES
        }
        return finish(
            connection: connection, path: String(cString: url), method: String(cString: method),
            pending: pending)
    }

    private func finish(connection: OpaquePointer, path: String, method: String, pending: PendingRequest)
        -> MHD_Result
    {
        connections.responding(connection, now: DispatchTime.now().uptimeNanoseconds)
        let headers = collect(connection, kind: .HEADER_KIND).pairs
        var headerMap: [String: String] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            headerMap[key] = headerMap[key].map { $0 + ", " + value } ?? value
        }
        let requestId = RequestId.accept(headerMap["x-request-id"]) ?? RequestId.generate()
        var routed: RoutedResponse
        if pending.tooLarge {
            routed = RoutedResponse(
                response: APIError.payloadTooLarge(limit: pending.bodyLimit).response,
                routePattern: router.routePattern(method: method, path: path))
        } else {
            let query = collect(connection, kind: .GET_ARGUMENT_KIND)
            if let invalid = query.invalid.first {
                // libmicrohttpd has percent-decoded the query; bytes that are not UTF-8 would be
                // repaired silently by String(cString:), so they are refused, naming the parameter.
                routed = RoutedResponse(
                    response: APIError.validation(field: invalid, "\(invalid) must be valid UTF-8").response,
                    routePattern: router.routePattern(method: method, path: path))
            } else {
                let request = Request(
                    id: requestId, method: method, path: path,
                    query: query.pairs.map { QueryItem($0.0, $0.1) },
                    headers: headerMap, body: pending.body, clientAddress: clientAddress(connection))
                routed = router.respond(to: request)
            }
        }
        var response = routed.response
        response.setHeader("X-Request-Id", requestId)
        let queued = queue(response, on: connection)
        record(
            method: method, routed: routed, status: response.status, requestId: requestId,
            startedAt: pending.startedAt)
        return queued
    }

    private func queue(_ response: Response, on connection: OpaquePointer) -> MHD_Result {
        let created: OpaquePointer?
        if let stream = response.stream {
            // The reader owns one retain of the pump, released by the free callback.
            created = MHD_create_response_from_callback(
                UInt64.max, 16 * 1024,
                { cls, _, buffer, max in
                    Unmanaged<StreamPump>.fromOpaque(cls!).takeUnretainedValue().read(into: buffer!, max: max)
                }, Unmanaged.passRetained(StreamPump(stream)).toOpaque(),
                { cls in Unmanaged<StreamPump>.fromOpaque(cls!).release() })
        } else {
            created = response.body.withUnsafeBytes { bytes in
                // MUST_COPY: libmicrohttpd copies the bytes, Swift keeps ownership of its buffer.
                MHD_create_response_from_buffer(
                    bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
            }
        }
        guard let created else { return .NO }
        defer { MHD_destroy_response(created) }
        for header in response.headers {
            _ = MHD_add_response_header(created, header.name, header.value)
        }
        return MHD_queue_response(connection, UInt32(response.status), created)
    }

    private func record(
        method: String, routed: RoutedResponse, status: Int, requestId: String, startedAt: UInt64
    ) {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - startedAt) / 1e9
        metrics.counter(
            "http_requests_total", help: "HTTP requests by route, method and status",
            labels: ["route": routed.routePattern, "method": method, "status": String(status)]
        ).increment()
        metrics.histogram(
            "http_request_duration_seconds", help: "HTTP request latency by route",
            labels: ["route": routed.routePattern]
        ).observe(seconds)
        var fields: [String: JSONValue] = [
            "requestId": .string(requestId), "method": .string(method), "route": .string(routed.routePattern),
            "status": .number(Double(status)), "ms": .number((seconds * 1000 * 100).rounded() / 100),
        ]
        if let cause = routed.internalError {
            fields["cause"] = .string(cause)
            logger.error("request failed", fields)
        } else {
            logger.info("request", fields)
        }
    }

    private func lookup(_ connection: OpaquePointer, kind: MHD_ValueKind, _ name: String) -> String? {
        MHD_lookup_connection_value(connection, kind, name).map { String(cString: $0) }
    }

    /// The pairs of `kind`, and the names of those whose name or value is not UTF-8 (their text
    /// is repaired with U+FFFD in `pairs`; a caller that must not guess refuses them).
    private func collect(_ connection: OpaquePointer, kind: MHD_ValueKind) -> (
        pairs: [(String, String)], invalid: [String]
    ) {
        let collector = KeyValueCollector()
        _ = MHD_get_connection_values(
            connection, kind,
            { cls, _, key, value in
                let collector = Unmanaged<KeyValueCollector>.fromOpaque(cls!).takeUnretainedValue()
                guard let key else { return .YES }
                // One pass when the bytes are UTF-8, as they nearly always are.
                let validName = String(validatingCString: key)
                let validText = value.map { String(validatingCString: $0) } ?? ""
                let name = validName ?? String(cString: key)
                if validName == nil || validText == nil { collector.invalid.append(name) }
                collector.pairs.append((name, validText ?? value.map { String(cString: $0) } ?? ""))
                return .YES
            }, Unmanaged.passUnretained(collector).toOpaque())
        return withExtendedLifetime(collector) { (collector.pairs, collector.invalid) }
    }

    private func clientAddress(_ connection: OpaquePointer) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        guard chatledger_mhd_client_address(connection, &buffer, buffer.count) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Receives key/value pairs from `MHD_get_connection_values` through its `cls` pointer.
private final class KeyValueCollector {
    var pairs: [(String, String)] = []
    var invalid: [String] = []
}
