import Foundation

/// Times are stored as ISO-8601 UTC text with second precision (`2026-11-25T12:00:00Z`):
/// the same in SQLite and PostgreSQL, readable, and ordered as text.
enum Timestamp {
    static func string(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func now() -> String { string(Date()) }

    static func date(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }

    /// The UTC day of `date`, `YYYY-MM-DD`: how calendar dates (purchase, warranty end) are kept.
    static func day(_ date: Date) -> String { String(string(date).prefix(10)) }

    /// `day` plus `days` days.
    static func day(_ day: String, plus days: Int) -> String {
        guard let start = Self.date(day + "T00:00:00Z") else { return day }
        return Self.day(start.addingTimeInterval(TimeInterval(days) * 86_400))
    }
}
