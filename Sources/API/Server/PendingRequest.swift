import Foundation

/// A request whose body is still arriving; libmicrohttpd hands it back on every call for the
/// same connection (always on one thread at a time), so it needs no lock.
final class PendingRequest {
    let startedAt: UInt64
    let bodyLimit: Int
    var body: [UInt8] = []
    /// Set once the body passed the limit; later chunks are dropped, not stored.
    var tooLarge = false

    init(bodyLimit: Int, expectedLength: Int?) {
        startedAt = DispatchTime.now().uptimeNanoseconds
        self.bodyLimit = bodyLimit
        if let expectedLength, expectedLength > 0 {
            body.reserveCapacity(min(expectedLength, bodyLimit))
        }
    }

    func append(_ chunk: UnsafeRawBufferPointer) {
        guard !tooLarge else { return }
        if body.count + chunk.count > bodyLimit {
            tooLarge = true
            body = []
            return
        }
        body.append(contentsOf: chunk)
    }
}
