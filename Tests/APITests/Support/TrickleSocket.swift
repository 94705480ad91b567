import Foundation

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

/// A non-blocking loopback connection fed a few bytes at a time, as a slow (or hostile) client
/// does; it notices when the server closes it and remembers when.
final class TrickleSocket {
    let descriptor: Int32
    /// When `connect` returned.
    let openedAt: Double
    /// When the server's close was first seen.
    private(set) var closedAt: Double?
    /// Everything the server sent so far.
    private(set) var received: [UInt8] = []

    init(port: UInt16) throws {
        descriptor = try TestHTTPClient(port: port).connect()
        openedAt = monotonicSeconds()
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    deinit { close(descriptor) }

    var isClosed: Bool { closedAt != nil }

    /// Sends what the socket takes now; a refused send means the server closed it.
    func send(_ bytes: [UInt8]) {
        guard !isClosed, !bytes.isEmpty else { return }
        let sent = bytes.withUnsafeBytes {
            Foundation.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
        }
        if sent < 0, errno != EAGAIN, errno != EWOULDBLOCK { markClosed() }
    }

    /// Reads whatever arrived into `received`; end of file or a reset marks the socket closed.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !isClosed {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[0..<count]
            } else {
                if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) { markClosed() }
                break
            }
        }
    }

    private func markClosed() {
        if closedAt == nil { closedAt = monotonicSeconds() }
    }

    /// Waits up to `seconds` for any of `sockets` to become readable, then drains those that did.
    static func wait(_ sockets: [TrickleSocket], seconds: Double) {
        let open = sockets.filter { !$0.isClosed }
        guard !open.isEmpty else {
            usleep(UInt32(max(0, seconds) * 1_000_000))
            return
        }
        var polled = open.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&polled, nfds_t(polled.count), Int32(max(0, seconds) * 1000))
        guard ready > 0 else { return }
        for (socket, entry) in zip(open, polled) where entry.revents != 0 {
            socket.drain()
        }
    }
}
