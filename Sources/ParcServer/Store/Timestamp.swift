import Foundation
import ParcProtocol

/// Times are stored as ISO-8601 UTC text with second precision (`2026-11-25T12:00:00Z`):
/// the same in SQLite and PostgreSQL, readable, and ordered as text.
///
/// Written and read by hand in that one format (every check-in reads one and writes one; Foundation's
/// ISO-8601 style took 5 µs each way); any other text goes to Foundation's parser.
enum Timestamp {
    static func string(_ date: Date) -> String {
        CanonicalJSON.timestamp(date)
    }

    static func now() -> String { string(Date()) }

    static func date(_ text: String) -> Date? {
        storedDate(text) ?? (try? Date(text, strategy: .iso8601))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` with a real calendar date and time, else nil.
    static func storedDate(_ text: String) -> Date? {
        // Native strings are contiguous; one that is not goes to Foundation.
        text.utf8.withContiguousStorageIfAvailable { bytes -> Date? in
            guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
                bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z")
            else { return nil }
            func number(_ start: Int, _ count: Int) -> Int64? {
                var value: Int64 = 0
                for index in start..<(start + count) {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int64(digit)
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
                let minute = number(14, 2), let second = number(17, 2),
                (1...12).contains(month), (1...Int64(CalendarDay.length(year: Int(year), month: Int(month)))).contains(day),
                hour < 24, minute < 60, second < 60
            else { return nil }
            let days = Int64(CalendarDay(year: Int(year), month: Int(month), day: Int(day)).number)
            let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        } ?? nil
    }

    /// The UTC day of `date`, `YYYY-MM-DD`: how calendar dates (purchase, warranty end) are kept.
    static func day(_ date: Date) -> String { String(string(date).prefix(10)) }

    /// `day` plus `days` days.
    static func day(_ day: String, plus days: Int) -> String {
        guard let start = Self.date(day + "T00:00:00Z") else { return day }
        return Self.day(start.addingTimeInterval(TimeInterval(days) * 86_400))
    }
}
