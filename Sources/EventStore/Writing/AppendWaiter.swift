import Foundation

/// Blocks a synchronous `append` until its completion arrives.
final class AppendWaiter: @unchecked Sendable {  // `result` is written before `signal` and read after `wait`
    private let semaphore = DispatchSemaphore(value: 0)
    private var result: Result<AppendResult, Error>?

    func resume(_ result: Result<AppendResult, Error>) {
        self.result = result
        semaphore.signal()
    }

    func wait() throws -> AppendResult {
        semaphore.wait()
        return try result!.get()
    }
}
