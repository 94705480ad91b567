import Foundation

/// SplitMix64: tiny, fast and fully determined by its seed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(max(bound, 1)))
    }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<Element>(_ items: [Element]) -> Element { items[below(items.count)] }

    /// A UUID version 7 (time-ordered) for `milliseconds`, as the API would make it.
    mutating func uuidV7(at milliseconds: Int64) -> UUID {
        let time = UInt64(milliseconds)
        let random = next()
        let more = next()
        return UUID(
            uuid: (
                UInt8(truncatingIfNeeded: time >> 40), UInt8(truncatingIfNeeded: time >> 32),
                UInt8(truncatingIfNeeded: time >> 24), UInt8(truncatingIfNeeded: time >> 16),
                UInt8(truncatingIfNeeded: time >> 8), UInt8(truncatingIfNeeded: time),
                0x70 | UInt8(truncatingIfNeeded: random >> 60), UInt8(truncatingIfNeeded: random >> 52),
                0x80 | UInt8(truncatingIfNeeded: random >> 46) & 0x3f,
                UInt8(truncatingIfNeeded: random >> 38),
                UInt8(truncatingIfNeeded: more), UInt8(truncatingIfNeeded: more >> 8),
                UInt8(truncatingIfNeeded: more >> 16), UInt8(truncatingIfNeeded: more >> 24),
                UInt8(truncatingIfNeeded: more >> 32), UInt8(truncatingIfNeeded: more >> 40)
            ))
    }

    /// A provider-looking message id.
    mutating func wamid(prefix: String) -> String {
        prefix + String(next(), radix: 36, uppercase: true) + String(next() >> 20, radix: 36, uppercase: true)
    }
}
