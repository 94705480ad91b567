/// What one validated request will write inside the batch transaction.
struct AppendPlan {
    /// A new event: where it sits in the request and what it is assigned.
    struct Slot {
        let stream: Int
        let event: Int
        let position: UInt64
        let version: UInt64
    }

    var positions: [UInt64] = []
    var slots: [Slot] = []
    var streamVersions: [StreamName: UInt64] = [:]
    var keyWrites: [(key: [UInt8], stream: [UInt8]?)] = []
    var duplicate = false
}
