extension Response {
    /// Adds `X-Log-Position`: the log head after the append, for `X-Min-Position` reads.
    func logPositionHeader(_ position: UInt64) -> Response {
        var response = self
        response.setHeader("X-Log-Position", String(position))
        return response
    }
}
