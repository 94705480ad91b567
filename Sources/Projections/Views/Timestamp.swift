import Foundation

/// Times as the product shows them: ISO-8601 UTC with milliseconds
/// (`2025-11-12T10:30:00.000Z`) from epoch milliseconds, the one format of the API and the read
/// models, and the server's clock in milliseconds.
///
/// Formatting is pure arithmetic (days-from-civil inverse), not a `DateFormatter`: it runs for
/// every row and every response and must be thread-safe and allocation-light.
public enum Timestamp {
    /// Formats milliseconds since the epoch.
    public static func format(milliseconds: Int64) -> String {
        let ms = Int((milliseconds % 1000 + 1000) % 1000)
        // Whole seconds by floor division (exact, no overflow at either end of Int64).
        let totalSeconds = milliseconds / 1000 - (milliseconds % 1000 < 0 ? 1 : 0)
        var days = Int(totalSeconds / 86_400)
        var secondsOfDay = Int(totalSeconds % 86_400)
        if secondsOfDay < 0 {
            secondsOfDay += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(secondsOfDay / 3600, 2) + ":" + pad(secondsOfDay / 60 % 60, 2) + ":"
            + pad(secondsOfDay % 60, 2) + "." + pad(ms, 3) + "Z"
    }

    /// The optional form: `nil` stays `nil`.
    public static func format(ifPresent milliseconds: Int64?) -> String? {
        milliseconds.map { format(milliseconds: $0) }
    }

    /// Formats a `Date`, truncated to the millisecond.
    public static func format(_ date: Date) -> String {
        format(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z` (or a `+00:00` offset); nil when malformed.
    public static func parse(_ text: String) -> Int64? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var date = formatter.date(from: text)
        if date == nil {
            formatter.formatOptions = [.withInternetDateTime]
            date = formatter.date(from: text)
        }
        // An ISO-8601 date has four-digit years, but a parser's range is its own: convert only
        // what fits.
        return date.flatMap { Int64(exactly: ($0.timeIntervalSince1970 * 1000).rounded()) }
    }

    /// Milliseconds since the epoch now, from the server clock.
    public static func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
