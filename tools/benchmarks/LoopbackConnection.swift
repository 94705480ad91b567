import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One keep-alive HTTP/1.1 connection to 127.0.0.1 over a POSIX socket: writes a pre-built
/// request, reads one response (Content-Length or chunked body).
// @unchecked: a connection is used by one thread at a time (each load thread owns its own).
final class LoopbackConnection: @unchecked Sendable {
    /// A response: status and raw header block (lower-cased names) plus body.
    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: [UInt8]
    }

    enum Failure: Error {
        case socket(String, Int32)
        case closed
        case malformed(String)
    }

    private var descriptor: Int32 = -1
    private let port: UInt16
    private var buffer: [UInt8] = []
    private var start = 0
    private var chunk = [UInt8](repeating: 0, count: 64 << 10)

    init(port: UInt16) throws {
        self.port = port
        try open()
    }

    deinit { close() }

    func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
    }

    /// Reconnects after a socket error so one failure does not end the connection's run.
    func reopen() throws {
        close()
        buffer.removeAll(keepingCapacity: true)
        start = 0
        try open()
    }

    private func open() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.socket("socket", errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            _ = Glibc.close(fd)
            throw Failure.socket("connect", code)
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        descriptor = fd
    }

    /// Sends `request` (a complete HTTP/1.1 message) and reads the response to it.
    func roundTrip(_ request: [UInt8]) throws -> Reply {
        try request.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(descriptor, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                guard n > 0 else { throw Failure.socket("send", errno) }
                sent += n
            }
        }
        return try readReply()
    }

    private func fill() throws {
        let n = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if n == 0 { throw Failure.closed }
        guard n > 0 else { throw Failure.socket("recv", errno) }
        buffer.append(contentsOf: chunk[0..<n])
    }

    /// Index just after the next CRLF at or after `from`, reading more as needed.
    private func lineEnd(from: Int) throws -> Int {
        var index = from
        while true {
            while index + 1 < buffer.count {
                if buffer[index] == 13 && buffer[index + 1] == 10 { return index + 2 }
                index += 1
            }
            try fill()
        }
    }

    private func take(_ count: Int) throws -> [UInt8] {
        while buffer.count - start < count { try fill() }
        defer { start += count }
        return Array(buffer[start..<start + count])
    }

    private func readLine() throws -> String {
        let end = try lineEnd(from: start)
        defer { start = end }
        return String(decoding: buffer[start..<end - 2], as: UTF8.self)
    }

    private func readReply() throws -> Reply {
        // Compact only between replies: the parsing below holds indexes into `buffer`.
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let statusLine = try readLine()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw Failure.malformed("status line: \(statusLine)")
        }
        var headers: [String: String] = [:]
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { throw Failure.malformed("header: \(line)") }
            headers[line[..<colon].lowercased()] = Self.withoutBlanks(line[line.index(after: colon)...])
        }
        var body: [UInt8] = []
        if let length = headers["content-length"].flatMap({ Int($0) }) {
            body = try take(length)
        } else if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            while true {
                let sizeLine = try readLine()
                guard let size = Int(sizeLine.split(separator: ";")[0], radix: 16) else {
                    throw Failure.malformed("chunk size: \(sizeLine)")
                }
                if size == 0 {
                    while try !readLine().isEmpty {}
                    break
                }
                body += try take(size)
                _ = try take(2)
            }
        }
        if headers["connection"]?.lowercased() == "close" { try reopen() }
        return Reply(status: status, headers: headers, body: body)
    }

    /// A header value without the spaces and tabs around it (RFC 9110 §5.6.3); by hand, as
    /// Foundation's trimming cost the generator a visible share of the two cores.
    private static func withoutBlanks(_ text: Substring) -> String {
        var value = text
        while let first = value.first, first == " " || first == "\t" { value.removeFirst() }
        while let last = value.last, last == " " || last == "\t" { value.removeLast() }
        return String(value)
    }

    /// A complete HTTP/1.1 request with keep-alive.
    static func request(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}
