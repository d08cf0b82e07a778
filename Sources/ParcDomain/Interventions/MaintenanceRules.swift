import ParcProtocol

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
        validator.check(
            CalendarDay(plan.recurrence.startsOn) != nil, "recurrence.startsOn", "must be a date written YYYY-MM-DD (got \(plan.recurrence.startsOn))")
        validator.check((0...365).contains(plan.leadDays ?? 7), "leadDays", "must be from 0 to 365")
        validator.check(plan.estimatedMinutes, "estimatedMinutes", in: 1...Bounds.estimateMinutes)
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
