extension Connection {
    /// Runs `body` inside `BEGIN … COMMIT`; a thrown error rolls back and is rethrown.
    @discardableResult
    public func transaction<T>(_ body: (Connection) throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body(self)
            try execute("COMMIT")
            return value
        } catch {
            // The original error matters; a failed ROLLBACK on a broken connection adds nothing.
            _ = try? execute("ROLLBACK")
            throw error
        }
    }
}
