/// A day of the proleptic Gregorian calendar, counted from 1970-01-01 (day 0).
///
/// Plain arithmetic (Howard Hinnant's civil-date algorithms) rather than Foundation's Calendar: the
/// agent links this module and must not pull in ICU, and the rules here need no locale. The one
/// home of calendar arithmetic: SLA clocks, billing periods, stored timestamps and JSON dates.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let number: Int

    public init(number: Int) { self.number = number }

    public init(year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        number = era * 146_097 + dayOfEra - 719_468
    }

    /// Years a date typed by a person or read from the wire may name: every date Parc keeps is
    /// in this range, so no arithmetic on one can overflow.
    public static let years = 1900...2200

    /// `YYYY-MM-DD` naming a day that exists, in `years`; nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            Self.years.contains(year), (1...12).contains(month), (1...Self.length(year: year, month: month)).contains(day)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day a moment falls on, `offsetSeconds` east of UTC.
    public init(epochSeconds: Int64, offsetSeconds: Int) {
        number = Int((epochSeconds + Int64(offsetSeconds)).floorDivided(by: 86_400))
    }

    public var civil: (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday).
    public var isoWeekday: Int { ((number % 7 + 7) % 7 + 3) % 7 + 1 }

    public func adding(days: Int) -> CalendarDay { CalendarDay(number: number + days) }

    /// The same day of the month `months` later, or the month's last day when it is shorter (Jan 31 + 1 month = Feb 28).
    public func adding(months: Int) -> CalendarDay {
        let (year, month, day) = civil
        let total = year * 12 + (month - 1) + months
        let (newYear, newMonth) = (total.floorDivided(by: 12), total - total.floorDivided(by: 12) * 12 + 1)
        return CalendarDay(year: newYear, month: newMonth, day: min(day, Self.length(year: newYear, month: newMonth)))
    }

    /// Seconds from the epoch to this day's midnight, `offsetSeconds` east of UTC.
    public func midnight(offsetSeconds: Int) -> Int64 { Int64(number) * 86_400 - Int64(offsetSeconds) }

    public var description: String {
        let (year, month, day) = civil
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.number < rhs.number }

    /// Days in a month of the proleptic Gregorian calendar.
    public static func length(year: Int, month: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }
}

extension BinaryInteger {
    /// Division rounding toward minus infinity (Swift's `/` rounds toward zero).
    package func floorDivided(by divisor: Self) -> Self {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
