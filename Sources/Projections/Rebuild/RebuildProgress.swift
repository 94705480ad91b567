/// Where a rebuild is, for the CLI's progress bar.
public struct RebuildProgress: Sendable, Equatable {
    public enum Phase: String, Sendable {
        case loading, copying, indexing, catchingUp, switching, done
    }

    public let phase: Phase
    /// Last log position folded.
    public let position: UInt64
    /// Log head when the rebuild started (the bar's 100 %).
    public let target: UInt64
    public let eventsApplied: Int
}

/// What a finished rebuild did.
public struct RebuildReport: Sendable, Equatable {
    /// The schema now active.
    public let schema: String
    /// The schema dropped after the switch (`nil` for a tenant rebuild).
    public let replacedSchema: String?
    public let eventsApplied: Int
    /// Rows COPYed during the bulk load (0 for a tenant rebuild).
    public let rowsCopied: Int
    public let seconds: Double
}
