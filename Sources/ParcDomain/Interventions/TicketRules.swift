import ParcProtocol

/// A status change the workflow does not allow, with a message saying what to do instead.
public struct WorkflowError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// The ticket workflow and what staff may type about tickets.
///
///     new ──assign──▶ assigned ──▶ in-progress ⇄ waiting-for-client
///      └───────────────┴──────────────┴──────────────┴──▶ resolved ──▶ closed
///                                   in-progress ◀──reopen──┘
///
/// Assigning moves a new ticket to assigned, unassigning an assigned or in-progress one back to
/// new; work (in-progress) needs a technician; resolving needs a resolution summary; only resolved
/// tickets close or reopen; closed tickets never change.
public enum TicketRules {
    /// Checks a change asked through `POST /tickets/{id}/status`.
    public static func checkTransition(number: String, from: TicketStatus, to: TicketStatus, hasTechnician: Bool) throws(WorkflowError) {
        if from == .closed { throw WorkflowError("\(number) is closed and can no longer change; open a new ticket") }
        if from == to { throw WorkflowError("\(number) is already \(to.rawValue)") }
        switch to {
        case .new, .assigned:
            throw WorkflowError("a ticket becomes \(to.rawValue) by (un)assigning a technician: use the assign action")
        case .inProgress:
            guard hasTechnician else { throw WorkflowError("assign a technician to \(number) before work starts") }
        case .waitingForClient:
            guard from != .resolved else { throw WorkflowError("\(number) is resolved; reopen it first") }
        case .resolved:
            break
        case .closed:
            guard from == .resolved else { throw WorkflowError("only resolved tickets can be closed; \(number) is \(from.rawValue): resolve it first") }
        }
    }

    /// The status after an assignment change, or an error when the ticket is done.
    public static func statusAfterAssignment(number: String, _ status: TicketStatus, assigned: Bool) throws(WorkflowError) -> TicketStatus {
        guard status.isOpen else { throw WorkflowError("\(number) is \(status.rawValue); reopen it before changing its technician") }
        switch (status, assigned) {
        case (.new, true): return .assigned
        case (.assigned, false), (.inProgress, false): return .new
        default: return status
        }
    }

    /// Whether moving to `status` counts as the first response the client sees.
    public static func isResponse(_ status: TicketStatus) -> Bool {
        status == .inProgress || status == .waitingForClient || status == .resolved
    }

    public static func validated(_ new: NewTicket) throws(ValidationError) -> NewTicket {
        var ticket = new
        ticket.title = new.title.trimmingWhitespace()
        ticket.description = new.description?.trimmingWhitespace().nilIfEmpty
        var validator = Validator()
        validator.check(!ticket.title.isEmpty, "title", "must not be empty")
        validator.check(ticket.title.count <= 200, "title", "must be at most 200 characters")
        validator.check((ticket.description?.count ?? 0) <= 20_000, "description", "must be at most 20000 characters")
        validator.check(!new.client.isEmpty, "client", "must name a client code")
        try validator.throwIfInvalid()
        return ticket
    }

    public static func validated(_ entry: NewTimeEntry) throws(ValidationError) -> NewTimeEntry {
        var validator = Validator()
        validator.check((1...1440).contains(entry.minutes), "minutes", "must be from 1 to 1440 (one day) (got \(entry.minutes))")
        if let day = entry.workedOn { validator.check(AssetRules.isCalendarDate(day), "workedOn", "must be a date written YYYY-MM-DD (got \(day))") }
        try validator.throwIfInvalid()
        var result = entry
        result.note = entry.note?.trimmingWhitespace().nilIfEmpty
        return result
    }

    public static func validated(_ material: NewMaterial) throws(ValidationError) -> NewMaterial {
        var result = material
        result.description = material.description?.trimmingWhitespace().nilIfEmpty
        var validator = Validator()
        validator.check(material.quantity > 0, "quantity", "must be a positive number (got \(material.quantity))")
        validator.check((material.unitPriceCents ?? 0) >= 0, "unitPriceCents", "must not be negative")
        validator.check(result.description != nil || material.assetID != nil, "description", "describe the material or give the stock asset's id")
        if material.assetID != nil { validator.check(material.quantity == 1, "quantity", "an asset is one item: quantity must be 1") }
        try validator.throwIfInvalid()
        return result
    }

    /// Technicians do not see prices of what is billed.
    public static func visible(_ detail: TicketDetail, to role: StaffRole) -> TicketDetail {
        guard role == .technician else { return detail }
        var result = detail
        for index in result.materials.indices { result.materials[index].unitPriceCents = nil }
        return result
    }
}

/// What staff may set about SLA targets and the working calendar.
public enum SLARules {
    /// Mon–Fri 09:00–18:00 Paris time; P1 answered in 1 h and fixed in 4 business hours, down to P4
    /// answered in 8 h and fixed in 40 (a working week).
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
        validator.check(Set(priorities) == Set(TicketPriority.allCases) && priorities.count == 4, "\(field).targets", "give exactly one target for each of P1, P2, P3 and P4")
        for target in terms.targets {
            validator.check(target.responseMinutes > 0 && target.resolutionMinutes > 0, "\(field).targets", "\(target.priority.rawValue): targets must be positive minutes")
            validator.check(target.responseMinutes <= target.resolutionMinutes, "\(field).targets", "\(target.priority.rawValue): the response target cannot exceed the resolution target")
        }
    }

    /// `isKnownTimeZone` is asked of the time zone database, which this module does not link.
    public static func validated(_ settings: SLASettings, isKnownTimeZone: (String) -> Bool) throws(ValidationError) -> SLASettings {
        var validator = Validator()
        let calendar = settings.calendar
        validator.check(isKnownTimeZone(calendar.timeZone), "calendar.timeZone", "unknown time zone '\(calendar.timeZone)' (use an IANA name such as Europe/Paris)")
        validator.check(!calendar.workingDays.isEmpty && calendar.workingDays.allSatisfy { (1...7).contains($0) }, "calendar.workingDays", "give ISO weekdays from 1 (Monday) to 7 (Sunday)")
        let opens = minutes(calendar.opensAt), closes = minutes(calendar.closesAt)
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
    /// day is 8 business hours (24 h in 24x7 terms); plain numbers are minutes.
    public static func parseTargets(_ text: String, hours: SLAHours) throws(ValidationError) -> [SLATarget] {
        var targets: [SLATarget] = []
        for item in text.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1)
            let times = pair.count == 2 ? pair[1].split(separator: "/") : []
            guard pair.count == 2, let priority = TicketPriority(rawValue: String(pair[0]).trimmingWhitespace().uppercased()), times.count == 2,
                  let response = duration(String(times[0]), hours: hours), let resolution = duration(String(times[1]), hours: hours)
            else { throw ValidationError(field: "targets", reason: "'\(item)' is not PRIORITY=RESPONSE/RESOLUTION, e.g. P1=1h/4h") }
            targets.append(SLATarget(priority: priority, responseMinutes: response, resolutionMinutes: resolution))
        }
        return targets
    }

    static func duration(_ text: String, hours: SLAHours) -> Int? {
        let text = text.trimmingWhitespace().lowercased()
        let units: [(String, Int)] = [("m", 1), ("h", 60), ("d", hours == .business ? 480 : 1440)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            return Int(text.dropLast()).map { $0 * factor }
        }
        return Int(text)
    }
}

/// What staff may set about maintenance plans, and when their occurrences fall.
public enum MaintenanceRules {
    public static func validated(_ new: NewMaintenancePlan) throws(ValidationError) -> NewMaintenancePlan {
        var plan = new
        plan.name = new.name.trimmingWhitespace()
        plan.checklist = new.checklist.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        var validator = Validator()
        validator.check(!plan.name.isEmpty, "name", "must not be empty")
        validator.check((plan.assetIDs ?? []).isEmpty != (plan.kind == nil), "assetIDs", "give either the assets (assetIDs) or a kind of asset, not both")
        validator.check((1...1000).contains(plan.recurrence.every), "recurrence.every", "must be from 1 to 1000")
        validator.check(CalendarDay(plan.recurrence.startsOn) != nil, "recurrence.startsOn", "must be a date written YYYY-MM-DD (got \(plan.recurrence.startsOn))")
        validator.check((0...365).contains(plan.leadDays ?? 7), "leadDays", "must be from 0 to 365")
        validator.check((plan.estimatedMinutes ?? 1) > 0, "estimatedMinutes", "must be positive")
        try validator.throwIfInvalid()
        return plan
    }

    /// The occurrences falling in `after < day <= through`, at most `limit` of them.
    public static func occurrences(_ recurrence: Recurrence, after: CalendarDay, through: CalendarDay, limit: Int = 1000) -> [CalendarDay] {
        guard let first = CalendarDay(recurrence.startsOn), recurrence.every > 0 else { return [] }
        var result: [CalendarDay] = []
        // Each occurrence counts from the first (not from the previous one), so month ends do not drift.
        var index = 0
        if recurrence.unit == .days || recurrence.unit == .weeks {
            let step = recurrence.every * (recurrence.unit == .weeks ? 7 : 1)
            index = max(0, (after.number - first.number) / step)
        }
        while result.count < limit {
            let day: CalendarDay
            switch recurrence.unit {
            case .days: day = first.adding(days: index * recurrence.every)
            case .weeks: day = first.adding(days: index * recurrence.every * 7)
            case .months: day = first.adding(months: index * recurrence.every)
            case .years: day = first.adding(months: index * recurrence.every * 12)
            }
            if day > through { break }
            if day > after { result.append(day) }
            index += 1
        }
        return result
    }
}
