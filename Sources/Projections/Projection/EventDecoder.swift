import Domain
import EventStore
import Foundation

/// Decodes recorded events with `DomainCodec`, on every core for large batches unless the
/// caller already decodes on several threads.
enum EventDecoder {
    /// Events the catalog does not know (or cannot read) are left out: the projection must
    /// not stop on one bad record, and leaving it out is the same in every replay.
    static func decode(_ events: [RecordedEvent], onAllCores: Bool = true) -> [(EventOrigin, DomainEvent)] {
        let parallel = onAllCores && events.count >= 2048
        let slices = parallel ? ProcessInfo.processInfo.activeProcessorCount : 1
        var results = [DomainEvent?](repeating: nil, count: events.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeMutableSendableBuffer(buffer)
            let perSlice = (events.count + slices - 1) / slices
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                let start = slice * perSlice
                let end = min(events.count, start + perSlice)
                guard start < end else { return }
                for index in start..<end { out.buffer[index] = decode(events[index]) }
            }
        }
        var decoded: [(EventOrigin, DomainEvent)] = []
        decoded.reserveCapacity(events.count)
        for index in events.indices {
            if let domain = results[index] { decoded.append((EventOrigin(events[index]), domain)) }
        }
        return decoded
    }

    static func decode(_ event: RecordedEvent) -> DomainEvent? {
        let personal: [UInt8]?
        if case .clear(let bytes) = event.personal { personal = bytes } else { personal = nil }
        return try? DomainCodec.decode(type: event.type, payload: event.payload, personal: personal)
    }
}

/// Lets `concurrentPerform` slices write disjoint ranges of one buffer.
// @unchecked Sendable: each slice writes only its own index range, and the buffer outlives
// the concurrentPerform call that uses it.
private struct UnsafeMutableSendableBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<DomainEvent?>
    init(_ buffer: UnsafeMutableBufferPointer<DomainEvent?>) {
        self.buffer = buffer
    }
}
