/// How the outbound dispatcher sends: concurrency, retries and timeouts.
public struct DispatcherConfiguration: Sendable {
    /// Sends in flight at once.
    public var workers: Int
    /// Tries per message before a retryable failure becomes final.
    public var maxAttempts: Int
    /// First retry delay in seconds; doubles per attempt up to `maxDelay`.
    public var baseDelay: Double
    public var maxDelay: Double
    /// Seconds a provider call may take.
    public var requestTimeout: Double

    public init(
        workers: Int = 4, maxAttempts: Int = 6, baseDelay: Double = 0.5, maxDelay: Double = 30,
        requestTimeout: Double = 15
    ) {
        self.workers = max(1, workers)
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.requestTimeout = requestTimeout
    }

    /// Delay before attempt `attempt + 1` (attempts count from 1).
    func delay(afterAttempt attempt: Int) -> Double {
        min(maxDelay, baseDelay * Double(1 << min(attempt - 1, 20)))
    }
}
