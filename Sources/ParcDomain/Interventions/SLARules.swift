import ParcProtocol

/// What staff may set about SLA targets and the working calendar.
public enum SLARules {
    /// Mon–Fri 09:00–18:00 Paris time; P1 answered in 1 h and fixed in 4 business hours, down to P4
    /// answered in 8 h and fixed in 40.
    public static let defaultSettings = SLASettings(
        calendar: WorkingCalendar(timeZone: "Europe/Paris", workingDays: [1, 2, 3, 4, 5], opensAt: "09:00", closesAt: "18:00", holidays: []),
        defaultTerms: SLATerms(
            hours: .business,
            targets: [
                SLATarget(priority: .p1, responseMinutes: 60, resolutionMinutes: 240),
                SLATarget(priority: .p2, responseMinutes: 120, resolutionMinutes: 480),
                SLATarget(priority: .p3, responseMinutes: 240, resolutionMinutes: 1440),
                SLATarget(priority: .p4, responseMinutes: 480, resolutionMinutes: 2400),
            ]),
        dueSoonMinutes: 120)

    public static func validated(_ terms: SLATerms, field: String = "sla") throws(ValidationError) -> SLATerms {
        var validator = Validator()
        check(&validator, terms, field: field)
        try validator.throwIfInvalid()
        return SLATerms(hours: terms.hours, targets: terms.targets.sorted { $0.priority < $1.priority })
    }

    static func check(_ validator: inout Validator, _ terms: SLATerms, field: String) {
        let priorities = terms.targets.map(\.priority)
        validator.check(
            Set(priorities) == Set(TicketPriority.allCases) && priorities.count == 4, "\(field).targets",
            "give exactly one target for each of P1, P2, P3 and P4")
        for target in terms.targets {
            validator.check(
                (1...Bounds.slaMinutes).contains(target.responseMinutes) && (1...Bounds.slaMinutes).contains(target.resolutionMinutes), "\(field).targets",
                "\(target.priority.rawValue): targets must be from 1 to \(Bounds.slaMinutes) minutes (366 days)")
            validator.check(
                target.responseMinutes <= target.resolutionMinutes, "\(field).targets",
                "\(target.priority.rawValue): the response target cannot exceed the resolution target")
        }
    }

    /// `isKnownTimeZone` is asked of the time zone database, which this module does not link.
    public static func validated(_ settings: SLASettings, isKnownTimeZone: (String) -> Bool) throws(ValidationError) -> SLASettings {
        var validator = Validator()
        let calendar = settings.calendar
        validator.check(
            isKnownTimeZone(calendar.timeZone), "calendar.timeZone", "unknown time zone '\(calendar.timeZone)' (use an IANA name such as Europe/Paris)")
        validator.check(
            !calendar.workingDays.isEmpty && calendar.workingDays.allSatisfy { (1...7).contains($0) }, "calendar.workingDays",
            "give ISO weekdays from 1 (Monday) to 7 (Sunday)")
        let opens = minutes(calendar.opensAt)
        let closes = minutes(calendar.closesAt)
        validator.check(opens != nil, "calendar.opensAt", "must be a time written HH:MM (got \(calendar.opensAt))")
        validator.check(closes != nil, "calendar.closesAt", "must be a time written HH:MM (got \(calendar.closesAt))")
        if let opens, let closes { validator.check(opens < closes, "calendar.closesAt", "must be after opensAt") }
        for day in calendar.holidays where !AssetRules.isCalendarDate(day) {
            validator.add("calendar.holidays", "must be dates written YYYY-MM-DD (got \(day))")
        }
        check(&validator, settings.defaultTerms, field: "defaultTerms")
        validator.check((0...10_080).contains(settings.dueSoonMinutes), "dueSoonMinutes", "must be from 0 to 10080 (a week)")
        try validator.throwIfInvalid()
        var result = settings
        result.calendar.workingDays = Array(Set(calendar.workingDays)).sorted()
        result.calendar.holidays = Array(Set(calendar.holidays)).sorted()
        result.defaultTerms.targets.sort { $0.priority < $1.priority }
        return result
    }

    /// `HH:MM` as minutes after midnight (24:00 allowed as a closing time).
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
            (0...24).contains(hours), (0...59).contains(minutes), hours < 24 || minutes == 0
        else { return nil }
        return hours * 60 + minutes
    }

    /// The working time of `terms` under the provider's calendar.
    public static func workingTime(_ hours: SLAHours, calendar: WorkingCalendar, utcOffset: @escaping @Sendable (Int64) -> Int) -> WorkingTime {
        guard hours == .business else { return .allDay }
        return WorkingTime(
            hours: .business, workingDays: Set(calendar.workingDays), opensAt: minutes(calendar.opensAt) ?? 540, closesAt: minutes(calendar.closesAt) ?? 1080,
            holidays: Set(calendar.holidays.compactMap(CalendarDay.init)), utcOffset: utcOffset)
    }

    /// Reads targets as typed on the command line: `P1=1h/4h,P2=2h/8h,P3=4h/3d,P4=1d/5d`, where a
    /// day is one working day of the calendar (09:00-18:00 makes it 9 h; 24 h in 24x7 terms), so
    /// that "1d" ends when the clock has run one opening day; plain numbers are minutes.
    public static func parseTargets(_ text: String, hours: SLAHours, calendar: WorkingCalendar) throws(ValidationError) -> [SLATarget] {
        let day = hours == .business ? workingDayMinutes(calendar) : 1440
        var targets: [SLATarget] = []
        for item in text.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1)
            let times = pair.count == 2 ? pair[1].split(separator: "/") : []
            guard pair.count == 2, let priority = TicketPriority(rawValue: String(pair[0]).trimmingWhitespace().uppercased()), times.count == 2,
                let response = duration(String(times[0]), day: day), let resolution = duration(String(times[1]), day: day)
            else { throw ValidationError(field: "targets", reason: "'\(item)' is not PRIORITY=RESPONSE/RESOLUTION, e.g. P1=1h/4h") }
            targets.append(SLATarget(priority: priority, responseMinutes: response, resolutionMinutes: resolution))
        }
        return targets
    }

    /// The minutes one working day of the calendar lasts (its opening hours).
    public static func workingDayMinutes(_ calendar: WorkingCalendar) -> Int {
        let opens = minutes(calendar.opensAt) ?? 540
        let closes = minutes(calendar.closesAt) ?? 1080
        return closes > opens ? closes - opens : 1440
    }

    static func duration(_ text: String, day: Int) -> Int? {
        let text = text.trimmingWhitespace().lowercased()
        let units: [(String, Int)] = [("m", 1), ("h", 60), ("d", day)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            // Bounded before multiplying: a typed number cannot overflow.
            guard let count = Int(text.dropLast()), (0...100_000).contains(count) else { return nil }
            return count * factor
        }
        return Int(text)
    }
}
