/// Feeds a `ResponseStream` to libmicrohttpd's content-reader callback, which asks for at
/// most `max` bytes at a time; only the connection's thread calls it.
final class StreamPump {
    private let stream: any ResponseStream
    private var pending: [UInt8] = []
    private var offset = 0

    init(_ stream: any ResponseStream) {
        self.stream = stream
    }

    /// Copies the next bytes into `buffer`; -1 (end of stream) once the stream is done.
    func read(into buffer: UnsafeMutablePointer<CChar>, max: Int) -> Int {
        if offset == pending.count {
            pending = stream.next()
            offset = 0
            if pending.isEmpty { return -1 }
        }
        let count = min(max, pending.count - offset)
        pending.withUnsafeBytes { bytes in
            UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
