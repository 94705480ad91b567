import Foundation
import Projections
import Synchronization

/// Time-ordered UUIDs (RFC 9562 version 7): 48-bit millisecond timestamp, a 12-bit counter
/// that keeps ids made in the same millisecond increasing, then random bits.
public final class UUIDv7: Sendable {
    private struct Clock {
        var lastMilliseconds: Int64 = 0
        var sequence: UInt16 = 0
    }

    private let clock = Mutex(Clock())

    /// The process-wide generator.
    public static let shared = UUIDv7()

    public init() {}

    /// A new id from the shared generator.
    public static func generate() -> UUID {
        shared.next()
    }

    /// A new id, strictly greater than every id this generator made before.
    public func next(now: Int64 = Timestamp.nowMilliseconds()) -> UUID {
        let (milliseconds, sequence) = clock.withLock { clock -> (Int64, UInt16) in
            if now > clock.lastMilliseconds {
                clock.lastMilliseconds = now
                clock.sequence = 0
            } else if clock.sequence < 0x0FFF {
                clock.sequence += 1
            } else {
                // 4096 ids in one millisecond: borrow the next millisecond.
                clock.lastMilliseconds += 1
                clock.sequence = 0
            }
            return (clock.lastMilliseconds, clock.sequence)
        }
        var bytes = Sodium.randomBytes(16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        bytes[6] = 0x70 | UInt8(sequence >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: sequence)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    /// The millisecond timestamp inside a version-7 id.
    public static func milliseconds(of id: UUID) -> Int64 {
        let bytes = id.uuid
        return [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5].reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }
}
