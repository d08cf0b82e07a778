import ParcProtocol

/// When SLA clocks run: around the clock, or in the provider's working hours (working days,
/// opening hours, public holidays) in its time zone.
public struct WorkingTime: Sendable {
    public var hours: SLAHours
    public var workingDays: Set<Int>
    /// Minutes after local midnight.
    public var opensAt: Int
    public var closesAt: Int
    public var holidays: Set<CalendarDay>
    /// Seconds east of UTC at a moment: the server answers from the time zone database, so
    /// daylight saving is followed day by day.
    public var utcOffset: @Sendable (Int64) -> Int

    public init(
        hours: SLAHours, workingDays: Set<Int>, opensAt: Int, closesAt: Int, holidays: Set<CalendarDay>,
        utcOffset: @escaping @Sendable (Int64) -> Int
    ) {
        self.hours = hours
        self.workingDays = workingDays
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.holidays = holidays
        self.utcOffset = utcOffset
    }

    public static let allDay = WorkingTime(hours: .allDay, workingDays: [], opensAt: 0, closesAt: 0, holidays: [], utcOffset: { _ in 0 })

    /// The periods the clock runs in, from `start` on, in order (seconds since the epoch).
    /// Business hours give at most ten years of windows: enough for any target, and never endless.
    func windows(from start: Int64) -> AnySequence<(Int64, Int64)> {
        guard hours == .business else { return AnySequence([(start, Int64.max)]) }
        let firstDay = CalendarDay(epochSeconds: start, offsetSeconds: utcOffset(start))
        let days = (0..<3660).lazy.map { firstDay.adding(days: $0) }
            .filter { workingDays.contains($0.isoWeekday) && !holidays.contains($0) }
            .compactMap { day -> (Int64, Int64)? in
                // The offset at local noon: clocks change at night, outside any opening hours.
                let offset = utcOffset(day.midnight(offsetSeconds: 0) + 43_200)
                let midnight = day.midnight(offsetSeconds: offset)
                let window = (max(start, midnight + Int64(opensAt) * 60), midnight + Int64(closesAt) * 60)
                return window.0 < window.1 ? window : nil
            }
        return AnySequence(days)
    }
}

/// A stretch of time the clock does not count: waiting for the client, or resolved before a
/// reopen. `end` is nil while it lasts.
public struct ClockPause: Sendable, Equatable {
    public var start: Int64
    public var end: Int64?

    public init(start: Int64, end: Int64?) {
        self.start = start
        self.end = end
    }
}

/// SLA clocks: when a target falls due, given when the clock started, the working time it runs
/// in and the pauses so far.
public enum SLAClock {
    /// The moment `targetMinutes` of running time have passed since `start`, or nil when the
    /// clock is stopped by an ongoing pause before that (the due time is not known yet).
    public static func due(start: Int64, targetMinutes: Int, pauses: [ClockPause], in time: WorkingTime) -> Int64? {
        // A target too large to count in seconds never falls due (validation keeps targets within a year).
        let (seconds, overflow) = Int64(targetMinutes).multipliedReportingOverflow(by: 60)
        guard !overflow, seconds >= 0 else { return nil }
        var remaining = seconds
        let pauses = pauses.sorted { $0.start < $1.start }
        if remaining == 0 { return start }
        for (windowStart, windowEnd) in time.windows(from: start) {
            var cursor = windowStart
            for pause in pauses where (pause.end ?? .max) > cursor && pause.start < windowEnd {
                if pause.start > cursor {
                    if let due = consume(&remaining, cursor, pause.start) { return due }
                }
                guard let end = pause.end else { return nil }
                cursor = max(cursor, end)
            }
            if cursor < windowEnd, let due = consume(&remaining, cursor, windowEnd) { return due }
        }
        return nil
    }

    /// Spends running time from `from` to `to`; the due moment when it runs out there. A span too
    /// long to count (an all-day window ends at `Int64.max`) holds any remaining time.
    private static func consume(_ remaining: inout Int64, _ from: Int64, _ to: Int64) -> Int64? {
        let (span, overflow) = to.subtractingReportingOverflow(from)
        if overflow || remaining <= span { return from + remaining }
        remaining -= span
        return nil
    }

    /// The pauses of the resolution clock and when it stopped, from a ticket's status changes in
    /// order: waiting for the client pauses it; resolving stops it, and a reopen turns the time
    /// spent resolved into a pause.
    public static func resolutionClock(changes: [(at: Int64, status: TicketStatus)]) -> (pauses: [ClockPause], stoppedAt: Int64?) {
        var pauses: [ClockPause] = []
        var current: (at: Int64, status: TicketStatus)?
        var resolvedAt: Int64?
        for change in changes {
            if let current, current.status == .waitingForClient || (current.status == .resolved && change.status != .closed) {
                pauses.append(ClockPause(start: current.at, end: change.at))
            }
            if change.status == .resolved { resolvedAt = change.at }
            if change.status != .closed { current = change }
        }
        switch current?.status {
        case .waitingForClient?: pauses.append(ClockPause(start: current!.at, end: nil))
        case .resolved?: return (pauses, resolvedAt)
        default: break
        }
        return (pauses, nil)
    }

    /// When the ticket is, was or will be in breach if nothing happens: the earliest due time
    /// still pending (a response not given, an open ticket's resolution) or missed (an answer or a
    /// resolution that came late). Nil when every due time was met, or none applies yet (paused).
    /// Stored with the ticket, it makes "breached" and "due soon" one indexed comparison.
    public static func breachAt(isOpen: Bool, responseDue: Int64?, respondedAt: Int64?, resolutionDue: Int64?, stoppedAt: Int64?) -> Int64? {
        var candidates: [Int64] = []
        if let due = responseDue, respondedAt.map({ $0 > due }) ?? true { candidates.append(due) }
        if let due = resolutionDue, isOpen || (stoppedAt.map { $0 > due } ?? false) { candidates.append(due) }
        return candidates.min()
    }

    /// Where a ticket stands at `now`; `hasClock` is false when no SLA applies to it.
    public static func state(isOpen: Bool, isPaused: Bool, hasClock: Bool, breachAt: Int64?, now: Int64, dueSoonSeconds: Int64) -> SLAState {
        if let breach = breachAt, now > breach { return .breached }
        if !hasClock { return .none }
        if !isOpen { return .met }
        if isPaused { return .paused }
        if let breach = breachAt, breach - now < dueSoonSeconds { return .dueSoon }
        return .onTrack
    }
}
