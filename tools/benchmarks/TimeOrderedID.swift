import Foundation

/// UUIDv7 ids (48-bit ms timestamp, then random bits), the ids the API gives new events; one
/// generator per writer thread so making ids costs no system call per event.
struct TimeOrderedID {
    private var state: UInt64

    init() {
        var system = SystemRandomNumberGenerator()
        state = system.next()
    }

    /// SplitMix64: fast, well-distributed bits for ids (not for secrets).
    private mutating func nextBits() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func make() -> UUID {
        let ms = UInt64(Date().timeIntervalSince1970 * 1000)
        let high = (ms << 16) | 0x7000 | (nextBits() & 0x0FFF)
        let low = (nextBits() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        var bytes = (high.bigEndian, low.bigEndian)
        return withUnsafeBytes(of: &bytes) { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
    }
}
