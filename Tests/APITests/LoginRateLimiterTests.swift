import Testing

@testable import API

@Suite struct LoginRateLimiterTests {
    @Test func attemptsPastTheLimitAre429UntilTheWindowSlides() throws {
        let limiter = LoginRateLimiter(maxAttempts: 3, windowSeconds: 60)
        let start: Int64 = 1_000_000
        for second in 0..<3 {
            try limiter.attempt(
                email: "a@x.com", clientAddress: "10.0.0.1", now: start + Int64(second) * 1000)
        }
        do {
            try limiter.attempt(email: "A@X.com", clientAddress: "10.0.0.1", now: start + 10_000)
            Issue.record("the fourth attempt must be refused")
        } catch let error as APIError {
            #expect(error.status == 429)
            #expect(error.headers.contains(HTTPHeader("Retry-After", "50")))
        }
        // Other clients and other e-mails are not affected.
        try limiter.attempt(email: "a@x.com", clientAddress: "10.0.0.2", now: start + 10_000)
        try limiter.attempt(email: "b@x.com", clientAddress: "10.0.0.1", now: start + 10_000)
        // Once the first attempt leaves the window, one more is allowed.
        try limiter.attempt(email: "a@x.com", clientAddress: "10.0.0.1", now: start + 60_001)
        #expect(throws: APIError.self) {
            try limiter.attempt(email: "a@x.com", clientAddress: "10.0.0.1", now: start + 60_002)
        }
    }

    @Test func resetClearsTheAttempts() throws {
        let limiter = LoginRateLimiter(maxAttempts: 1, windowSeconds: 60)
        try limiter.attempt(email: "a@x.com", clientAddress: "h", now: 0)
        limiter.reset(email: "a@x.com", clientAddress: "h")
        try limiter.attempt(email: "a@x.com", clientAddress: "h", now: 1)
    }
}
