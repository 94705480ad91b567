extension Response {
    /// Adds `X-Log-Position`: the log head after a command, for `X-Min-Position` reads.
    public func logPosition(_ position: UInt64) -> Response {
        var response = self
        response.setHeader("X-Log-Position", String(position))
        return response
    }
}
