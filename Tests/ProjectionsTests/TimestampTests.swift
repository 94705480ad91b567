import Foundation
import Projections
import Testing

/// The one time format of the API and the read models.
struct TimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (-1000, "1969-12-31T23:59:59.000Z"),
        (1_731_400_000_123, "2024-11-12T08:26:40.123Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
    func formatsEpochMillisecondsAsISO8601(milliseconds: Int64, expected: String) {
        #expect(Timestamp.format(milliseconds: milliseconds) == expected)
        #expect(Timestamp.parse(expected) == milliseconds)
    }

    /// Any Int64 formats without trapping (times from outside are range-checked where they enter;
    /// this is the last line).
    @Test func extremesFormatWithoutTrapping() {
        #expect(Timestamp.format(milliseconds: Int64.max).hasSuffix(".807Z"))
        #expect(Timestamp.format(milliseconds: Int64.min).hasSuffix(".192Z"))
        #expect(Timestamp.format(ifPresent: nil) == nil)
    }

    @Test func malformedOrOffsetTimesParse() {
        #expect(Timestamp.parse("2024-11-12T08:26:40Z") == 1_731_400_000_000)
        #expect(Timestamp.parse("2024-11-12T05:26:40.123-03:00") == 1_731_400_000_123)
        #expect(Timestamp.parse("12/11/2024") == nil)
        #expect(Timestamp.parse("") == nil)
    }
}
