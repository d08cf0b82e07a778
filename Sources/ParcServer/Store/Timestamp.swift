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
}
