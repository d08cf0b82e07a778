import ParcProtocol

/// One period of a contract to invoice: the days it covers (inclusive), inside the calendar period
/// it belongs to (a month, quarter, half-year or year). A contract starting or ending inside a
/// calendar period gets a partial period, prorated by days.
public struct BillingPeriod: Sendable, Equatable, CustomStringConvertible {
    public var first: CalendarDay
    public var last: CalendarDay
    /// The whole calendar period.
    public var calendarFirst: CalendarDay
    public var calendarLast: CalendarDay

    public init(first: CalendarDay, last: CalendarDay, calendarFirst: CalendarDay, calendarLast: CalendarDay) {
        self.first = first
        self.last = last
        self.calendarFirst = calendarFirst
        self.calendarLast = calendarLast
    }

    public var days: Int { last.number - first.number + 1 }
    public var calendarDays: Int { calendarLast.number - calendarFirst.number + 1 }
    public var isPartial: Bool { days < calendarDays }
    public var description: String { "\(first)…\(last)" }
}

/// When contract periods fall and when each is invoiced.
public enum BillingCalendar {
    /// The periods of a contract from its first day, up to the one containing `through` (and never
    /// past the contract's last day).
    public static func periods(frequency: BillingFrequency, contractFirst: CalendarDay, contractLast: CalendarDay?, through: CalendarDay) -> [BillingPeriod] {
        var result: [BillingPeriod] = []
        var calendarFirst = periodStart(containing: contractFirst, frequency: frequency)
        let end = min(through, contractLast ?? through)
        while calendarFirst <= end, result.count < 1200 {
            let next = calendarFirst.adding(months: frequency.months)
            let calendarLast = next.adding(days: -1)
            let first = max(calendarFirst, contractFirst)
            let last = min(calendarLast, contractLast ?? calendarLast)
            if first <= last { result.append(BillingPeriod(first: first, last: last, calendarFirst: calendarFirst, calendarLast: calendarLast)) }
            calendarFirst = next
        }
        return result
    }

    /// The day an active contract runs to, seen from `day`: its end date, pushed forward by whole
    /// renewal terms while tacit renewal applies (ending the contract, after notice, stops it).
    public static func lastDay(endsOn: CalendarDay?, renewalMonths: Int?, through day: CalendarDay) -> CalendarDay? {
        guard var end = endsOn else { return nil }
        guard let months = renewalMonths, months > 0 else { return end }
        while end < day { end = end.adding(days: 1).adding(months: months).adding(days: -1) }
        return end
    }

    /// The first day of the calendar period holding `day`: quarters and half-years start in January.
    public static func periodStart(containing day: CalendarDay, frequency: BillingFrequency) -> CalendarDay {
        let (year, month, _) = day.civil
        let firstMonth = (month - 1) / frequency.months * frequency.months + 1
        return CalendarDay(year: year, month: firstMonth, day: 1)
    }

    /// The day a period's invoice is dated: in advance, the billing day of the month the period
    /// starts in (not before it starts); in arrears, the billing day of the month after it ends
    /// (not before the day after). `billingDay` is 1 to 28, so it exists in every month.
    public static func invoiceDay(_ period: BillingPeriod, timing: BillingTiming, billingDay: Int) -> CalendarDay {
        let anchor = timing == .advance ? period.first : period.last.adding(days: 1)
        let (year, month, _) = anchor.civil
        return max(anchor, CalendarDay(year: year, month: month, day: billingDay))
    }
}
