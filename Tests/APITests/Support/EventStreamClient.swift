import Foundation

/// One Server-Sent Event as received.
struct ReceivedEvent {
    let id: UInt64
    let name: String
    let data: [String: Any]
}

/// Reads `GET /api/events` off a raw socket, frame by frame, until enough events arrived;
/// closing the socket is the client disconnecting.
final class EventStreamClient {
    private let socket: Int32
    private var buffer = ""
    private(set) var comments: [String] = []

    init(port: UInt16, token: String, lastEventId: UInt64? = nil) throws {
        let client = TestHTTPClient(port: port)
        socket = try client.connect()
        var head = "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
        if let lastEventId { head += "Last-Event-ID: \(lastEventId)\r\n" }
        head += "Accept: text/event-stream\r\n\r\n"
        try client.write(socket, Array(head.utf8))
    }

    deinit { close(socket) }

    /// Reads until `count` events arrived or `seconds` passed (heartbeats do not extend it).
    func events(_ count: Int, within seconds: Double = 5) throws -> [ReceivedEvent] {
        let deadline = Date().addingTimeInterval(seconds)
        var found: [ReceivedEvent] = []
        var bytes = [UInt8](repeating: 0, count: 8192)
        while found.count < count {
            while let range = buffer.range(of: "\n\n") {
                let block = String(buffer[..<range.lowerBound])
                buffer.removeSubrange(..<range.upperBound)
                if let event = parse(block) { found.append(event) }
                if found.count == count { return found }
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { break }
            var timeout = timeval(tv_sec: Int(left), tv_usec: Int((left - left.rounded(.down)) * 1_000_000))
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let received = bytes.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard received > 0 else { break }
            buffer += String(decoding: bytes[0..<received], as: UTF8.self)
        }
        return found
    }

    /// Reads for `seconds` and returns whatever events came (none expected in quiet periods).
    func quiet(for seconds: Double) throws -> [ReceivedEvent] {
        try events(1, within: seconds)
    }

    /// Parses one frame; chunked-encoding size lines and comments are set aside.
    private func parse(_ block: String) -> ReceivedEvent? {
        var id: UInt64?
        var name = "message"
        var data = ""
        for line in block.components(separatedBy: CharacterSet(charactersIn: "\r\n")) {
            if line.hasPrefix("id: ") { id = UInt64(line.dropFirst(4)) }
            if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
            if line.hasPrefix("data: ") { data += line.dropFirst(6) }
            if line.hasPrefix(": ") { comments.append(String(line.dropFirst(2))) }
        }
        guard let id else { return nil }
        let object = (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [String: Any] ?? [:]
        return ReceivedEvent(id: id, name: name, data: object)
    }
}

extension TestResponse {
    /// The body with HTTP chunked transfer encoding removed (streamed responses).
    var dechunkedText: String {
        guard header("Transfer-Encoding")?.lowercased() == "chunked" else { return text }
        var bytes = body[...]
        var out: [UInt8] = []
        while let lineEnd = bytes.firstIndex(of: 10) {
            let sizeText = String(decoding: bytes[..<lineEnd], as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            guard let size = Int(sizeText, radix: 16), size > 0 else { break }
            let start = bytes.index(after: lineEnd)
            guard bytes.distance(from: start, to: bytes.endIndex) >= size else { break }
            out += bytes[start..<(start + size)]
            bytes = bytes[min(start + size + 2, bytes.endIndex)...]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
