import Foundation

/// Reads a Server-Sent Events response off a raw socket, undoing the chunked framing.
final class EventStreamReader {
    private let client: TestHTTPClient
    private let socket: Int32
    private var raw: [UInt8] = []

    init(client: TestHTTPClient, path: String, headers: [String: String]) throws {
        self.client = client
        socket = try client.connect()
        var head = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        try client.write(socket, Array((head + "\r\n").utf8))
    }

    deinit { close(socket) }

    /// The events received so far as (id, event name, data) once `done` holds, or nil after 10 s.
    func read(until done: ([(id: UInt64, event: String, data: String)]) -> Bool) -> [(
        id: UInt64, event: String, data: String
    )]? {
        let deadline = Date().addingTimeInterval(10)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            let events = parse()
            if done(events) { return events }
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return done(parse()) ? parse() : nil }
            raw.append(contentsOf: buffer[0..<count])
        }
        return nil
    }

    var statusLine: String {
        String(decoding: raw.prefix { $0 != 13 }, as: UTF8.self)
    }

    private func parse() -> [(id: UInt64, event: String, data: String)] {
        // Bytes, not Characters: "\r\n" is one Character in Swift, chunk sizes count bytes.
        let crlf: [UInt8] = [13, 10]
        func find(_ pattern: [UInt8], from start: Int) -> Int? {
            guard raw.count >= pattern.count, start <= raw.count - pattern.count else { return nil }
            return (start...(raw.count - pattern.count)).first {
                Array(raw[$0..<($0 + pattern.count)]) == pattern
            }
        }
        guard let headerEnd = find(crlf + crlf, from: 0) else { return [] }
        var bodyBytes: [UInt8] = []
        var cursor = headerEnd + 4
        while let lineEnd = find(crlf, from: cursor),
            let size = Int(String(decoding: raw[cursor..<lineEnd], as: UTF8.self), radix: 16),
            raw.count >= lineEnd + 2 + size + 2
        {
            bodyBytes += raw[(lineEnd + 2)..<(lineEnd + 2 + size)]
            cursor = lineEnd + 2 + size + 2
        }
        let body = String(decoding: bodyBytes, as: UTF8.self)
        return body.components(separatedBy: "\n\n").compactMap { block in
            var id: UInt64?
            var event = ""
            var data = ""
            for line in block.split(separator: "\n") {
                if line.hasPrefix("id: ") { id = UInt64(line.dropFirst(4)) }
                if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
            }
            return id.map { ($0, event, data) }
        }
    }
}
