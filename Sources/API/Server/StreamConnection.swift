import CMicroHTTPD
import Foundation

/// One streamed response on one connection: the `cls` of libmicrohttpd's content-reader
/// callback. Pauses the connection (suspend) while its stream waits and resumes it on the
/// stream's wake-up; libmicrohttpd forbids resuming a connection that is not suspended, so
/// the flag and the suspend/resume calls change together under `lock`.
// @unchecked Sendable: `suspended` and `ended` are guarded by `lock`; the connection handle
// is only used while the response (and so the connection) is alive.
final class StreamConnection: @unchecked Sendable {
    let stream: any ResponseStream
    private let connection: OpaquePointer
    private let lock = NSLock()
    private var suspended = false
    private var ended = false

    init(stream: any ResponseStream, connection: OpaquePointer) {
        self.stream = stream
        self.connection = connection
    }

    /// The content-reader callback's work: copy the stream's next bytes into `buffer`.
    func read(into buffer: UnsafeMutablePointer<CChar>, max: Int) -> Int {
        lock.lock()
        suspended = false
        let stopping = ended
        lock.unlock()
        if stopping { return -1 }  // MHD_CONTENT_READER_END_OF_STREAM
        switch stream.next(maxBytes: max) {
        case .bytes(let bytes):
            let count = min(bytes.count, max)
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress!, byteCount: count)
            }
            return count
        case .end:
            return -1
        case .wait:
            lock.lock()
            if ended {
                lock.unlock()
                return -1
            }
            suspended = true
            MHD_suspend_connection(connection)
            lock.unlock()
            stream.waitForMore { [self] in resume() }
            return 0
        }
    }

    /// Resumes the paused connection (no-op when it is not paused).
    func resume() {
        lock.lock()
        defer { lock.unlock() }
        guard suspended else { return }
        suspended = false
        MHD_resume_connection(connection)
    }

    /// Ends the stream at its next read and resumes it if paused (server stopping).
    func end() {
        lock.lock()
        ended = true
        let paused = suspended
        suspended = false
        if paused { MHD_resume_connection(connection) }
        lock.unlock()
    }

    /// The response was destroyed: the connection handle must not be used any more.
    func released() {
        lock.lock()
        ended = true
        suspended = false
        lock.unlock()
        stream.finish()
    }

    var isSuspended: Bool {
        lock.lock()
        defer { lock.unlock() }
        return suspended
    }
}
