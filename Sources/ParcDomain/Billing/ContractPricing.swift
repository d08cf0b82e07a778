import ParcProtocol

/// What a contract line comes to for one period.
///
/// Devices, users and seats are counted by `BillingUsage` (in service on the period's first day:
/// the whole period; added during it: from the day it came). A partial period (contract starting or
/// ending inside it) is prorated by its days over the calendar period's days. Each amount is
/// rounded once, and the printed arithmetic holds: quantity × unit price ÷ base quantity = amount
/// (a prorated line counts days against the calendar period's days; support time counts minutes
/// against the hourly price per 60 minutes).
public enum ContractPricing {
    public struct Line: Sendable, Equatable {
        public var kind: ContractLineKind
        public var description: String
        public var unitPriceCents: Int64
        /// Support hours: hours included per period.
        public var includedHours: Int?
        /// One-off: how many; other kinds ignore it.
        public var quantity: Int?
        public var vatBasisPoints: Int
        public var vatExemption: VATExemption?

        public init(kind: ContractLineKind, description: String, unitPriceCents: Int64, vatBasisPoints: Int) {
            self.kind = kind
            self.description = description
            self.unitPriceCents = unitPriceCents
            self.vatBasisPoints = vatBasisPoints
        }
    }

    /// What the period used: the devices, users or seats the line counts, and billable minutes logged.
    public struct Usage: Sendable, Equatable {
        public var units = UnitCount()
        public var billableMinutes = 0

        public init(units: UnitCount = UnitCount(), billableMinutes: Int = 0) {
            self.units = units
            self.billableMinutes = billableMinutes
        }
    }

    /// The line for a period billed in arrears, or (given only the usage's fixed part) in advance.
    /// Every product of price, count and days is formed in 128 bits: only an amount that does not
    /// fit in cents (`Money.OutOfRange`) is refused, never a trap.
    public static func line(_ line: Line, period: BillingPeriod, usage: Usage, text: BillingText) throws(Money.OutOfRange) -> ComputedLine {
        let calendarDays = Int64(period.calendarDays)
        let span = text.span(period.first, period.last)
        let french = text.language == .fr
        switch line.kind {
        case .flat:
            let partial = period.isPartial ? " (\(text.days(period.days, of: period.calendarDays)))" : ""
            return period.isPartial
                ? try computed(line, "\(line.description), \(span)\(partial)", quantity: Int128(period.days), unit: .day, base: calendarDays)
                : try computed(line, "\(line.description), \(span)", quantity: 1, unit: .unit, base: 1)
        case .perDevice, .perUser, .licenceResale:
            let units = usage.units
            if units.addedUnitDays == 0, Int128(units.fullUnitDays) == Int128(units.full) * Int128(calendarDays) {
                return try computed(
                    line, "\(line.description)\(french ? " :" : ":") \(text.count(units.full, line.kind)), \(span)", quantity: Int128(units.full), unit: .unit,
                    base: 1)
            }
            var counted = "\(text.count(units.full, line.kind)) (\(units.fullUnitDays) \(french ? "jours" : "days"))"
            if units.added > 0 || units.addedUnitDays > 0 {
                counted +=
                    french
                    ? " + \(units.added) ajouté(s) en cours de période (\(units.addedUnitDays) jours)"
                    : " + \(units.added) added during the period (\(units.addedUnitDays) days)"
            }
            return try computed(
                line, "\(line.description)\(french ? " :" : ":") \(counted), \(span)", quantity: units.unitDays, unit: .day, base: calendarDays)
        case .supportHours:
            return try support(line, span: span, minutes: usage.billableMinutes, text: text)
        case .oneOff:
            return try computed(line, line.description, quantity: Int128(line.quantity ?? 1), unit: .unit, base: 1)
        }
    }

    /// What an invoice in advance adds for the period before it, which only that period's end
    /// knew: devices, users and seats added during it (from their day) and support time beyond
    /// the hours included. Nil when the line has nothing to true up.
    public static func trueUp(_ line: Line, period: BillingPeriod, usage: Usage, text: BillingText) throws(Money.OutOfRange) -> ComputedLine? {
        let span = text.span(period.first, period.last)
        let french = text.language == .fr
        switch line.kind {
        case .perDevice, .perUser, .licenceResale:
            let units = usage.units
            guard units.addedUnitDays > 0 else { return nil }
            let what =
                french
                ? "\(line.description) : régularisation \(span), \(units.added) ajouté(s) en cours de période (\(units.addedUnitDays) jours)"
                : "\(line.description): true-up \(span), \(units.added) added during the period (\(units.addedUnitDays) days)"
            return try computed(line, what, quantity: Int128(units.addedUnitDays), unit: .day, base: Int64(period.calendarDays))
        case .supportHours:
            return try support(line, span: (french ? "régularisation " : "true-up ") + span, minutes: usage.billableMinutes, text: text)
        case .flat, .oneOff:
            return nil
        }
    }

    static func support(_ line: Line, span: String, minutes: Int, text: BillingText) throws(Money.OutOfRange) -> ComputedLine {
        let included = Int128(line.includedHours ?? 0) * 60
        let overage = max(0, Int128(minutes) - included)
        let used =
            text.language == .fr
            ? "\(line.description) : \(text.hours(minutes: minutes)) utilisées sur \(line.includedHours ?? 0) h incluses, \(span)"
            : "\(line.description): \(text.hours(minutes: minutes)) used of \(line.includedHours ?? 0) h included, \(span)"
        return try computed(line, used, quantity: overage, unit: .minute, base: 60)
    }

    /// amount = quantity × price ÷ base, rounded once.
    static func computed(_ line: Line, _ description: String, quantity: Int128, unit: QuantityUnit, base: Int64) throws(Money.OutOfRange) -> ComputedLine {
        var result = ComputedLine(
            kind: line.kind, description: description, quantityMilli: try Money.cents(quantity * 1000), unitPriceCents: line.unitPriceCents,
            amountCents: try Money.divide(quantity * Int128(line.unitPriceCents), by: Int128(base)), vatBasisPoints: line.vatBasisPoints,
            vatExemption: line.vatExemption)
        (result.unit, result.baseQuantity) = (unit, base)
        return result
    }
}
