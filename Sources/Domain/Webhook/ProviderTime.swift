/// Provider timestamps, given in seconds since 1970, as the milliseconds the domain keeps.
/// Only years 1970…9999 are taken: that keeps every later multiplication and every
/// PostgreSQL `timestamptz` in range, whatever a body claims.
enum ProviderTime {
    /// 9999-12-31T23:59:59Z.
    static let latestSecond: Int64 = 253_402_300_799

    /// What a refused timestamp should have been, for the error message.
    static let expected = "seconds since 1970 between 0 and \(latestSecond)"

    static func milliseconds(seconds: Int64) -> Int64? {
        guard seconds >= 0, seconds <= latestSecond else { return nil }
        return seconds * 1000
    }

    /// A parsed date's seconds (possibly fractional) rounded to milliseconds.
    static func milliseconds(seconds: Double) -> Int64? {
        guard seconds.isFinite, seconds >= 0, seconds <= Double(latestSecond) else { return nil }
        return Int64((seconds * 1000).rounded())
    }
}
