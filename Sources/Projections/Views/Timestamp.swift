/// Formats epoch milliseconds as ISO-8601 UTC with milliseconds (`2025-11-12T10:30:00.000Z`).
///
/// Pure arithmetic (days-from-civil inverse) instead of a `DateFormatter`: it is called for
/// every row the API serves and must be thread-safe and allocation-light.
public enum Timestamp {
    public static func iso8601(_ milliseconds: Int64) -> String {
        let ms = Int((milliseconds % 1000 + 1000) % 1000)
        let totalSeconds = (milliseconds - Int64(ms)) / 1000
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
    public static func iso8601(_ milliseconds: Int64?) -> String? {
        milliseconds.map { iso8601($0) }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
