import ParcProtocol

/// A span of days something was in service: a covered device, an active employee.
public struct ServiceSpan: Sendable, Equatable {
    public var from: CalendarDay
    /// Nil while still in service.
    public var through: CalendarDay?

    public init(from: CalendarDay, through: CalendarDay?) {
        self.from = from
        self.through = through
    }
}

/// What a contract line comes to for one period.
///
/// Counting rule for devices and users: what is in service on the period's first day counts for the
/// whole period; what starts during the period counts from its first day to the period's end
/// (pro rata by days); what stops during the period is not refunded. A partial period (contract
/// starting or ending inside it) is prorated by its days over the calendar period's days. Each
/// amount is rounded once: price × (full units × period days + days of units added) ÷ calendar days.
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

    /// What the period used: devices and users in service, billable minutes logged, licence seats.
    public struct Usage: Sendable, Equatable {
        public var devices: [ServiceSpan] = []
        public var users: [ServiceSpan] = []
        public var billableMinutes = 0
        public var seats = 0

        public init(devices: [ServiceSpan] = [], users: [ServiceSpan] = [], billableMinutes: Int = 0, seats: Int = 0) {
            self.devices = devices
            self.users = users
            self.billableMinutes = billableMinutes
            self.seats = seats
        }
    }

    /// Every product of price, count and days is formed in 128 bits: only an amount that does not
    /// fit in cents (`Money.OutOfRange`) is refused, never a trap.
    public static func line(_ line: Line, period: BillingPeriod, usage: Usage) throws(Money.OutOfRange) -> ComputedLine {
        let days = Int128(period.days)
        let calendarDays = Int128(period.calendarDays)
        let price = Int128(line.unitPriceCents)
        let partial = period.isPartial ? " (\(period.days)/\(period.calendarDays) days)" : ""
        func computed(_ description: String, quantityMilli: Int64, amount: Int64) -> ComputedLine {
            ComputedLine(
                kind: line.kind, description: description, quantityMilli: quantityMilli, unitPriceCents: line.unitPriceCents, amountCents: amount,
                vatBasisPoints: line.vatBasisPoints, vatExemption: line.vatExemption)
        }
        switch line.kind {
        case .flat:
            return computed(
                "\(line.description), \(period)\(partial)", quantityMilli: try Money.divide(1000 * days, by: calendarDays),
                amount: try Money.divide(price * days, by: calendarDays))
        case .licenceResale:
            let seats = Int128(usage.seats)
            return computed(
                "\(line.description), \(seats) seat(s), \(period)\(partial)", quantityMilli: try Money.divide(1000 * seats * days, by: calendarDays),
                amount: try Money.divide(price * seats * days, by: calendarDays))
        case .perDevice, .perUser:
            let spans = line.kind == .perDevice ? usage.devices : usage.users
            var full: Int128 = 0
            var addedDays: Int128 = 0
            var added = 0
            for span in spans where span.from <= period.last && (span.through.map { $0 >= period.first } ?? true) {
                if span.from <= period.first {
                    full += 1
                } else {
                    added += 1
                    addedDays += Int128(period.last.number - span.from.number + 1)
                }
            }
            let unitDays = full * days + addedDays
            let what = line.kind == .perDevice ? "device(s)" : "user(s)"
            return computed(
                "\(line.description), \(full) \(what)" + (added > 0 ? " + \(added) added during the period" : "") + ", \(period)\(partial)",
                quantityMilli: try Money.divide(1000 * unitDays, by: calendarDays), amount: try Money.divide(price * unitDays, by: calendarDays))
        case .supportHours:
            let included = Int128(line.includedHours ?? 0) * 60
            let overage = max(0, Int128(usage.billableMinutes) - included)
            let minutes = usage.billableMinutes % 60
            let used = "\(usage.billableMinutes / 60) h \(minutes < 10 ? "0" : "")\(minutes)"
            return computed(
                "\(line.description): \(used) used of \(line.includedHours ?? 0) h included, \(period)",
                quantityMilli: try Money.divide(1000 * overage, by: 60),
                amount: try Money.divide(price * overage, by: 60))
        case .oneOff:
            let quantity = Int128(line.quantity ?? 1)
            return computed(line.description, quantityMilli: try Money.cents(1000 * quantity), amount: try Money.cents(price * quantity))
        }
    }
}
