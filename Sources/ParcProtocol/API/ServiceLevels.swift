#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Whether SLA clocks run in business hours only or around the clock.
public enum SLAHours: String, Codable, Sendable, CaseIterable {
    case business
    case allDay = "24x7"
}

/// Response and resolution targets for one priority, in minutes of `SLAHours`.
public struct SLATarget: Codable, Sendable, Equatable {
    public var priority: TicketPriority
    public var responseMinutes: Int
    public var resolutionMinutes: Int

    public init(priority: TicketPriority, responseMinutes: Int, resolutionMinutes: Int) {
        self.priority = priority
        self.responseMinutes = responseMinutes
        self.resolutionMinutes = resolutionMinutes
    }
}

/// What a contract (or the provider's default) promises: one target per priority.
public struct SLATerms: Codable, Sendable, Equatable {
    public var hours: SLAHours
    public var targets: [SLATarget]

    public init(hours: SLAHours, targets: [SLATarget]) {
        self.hours = hours
        self.targets = targets
    }

    public func target(for priority: TicketPriority) -> SLATarget? { targets.first { $0.priority == priority } }
}

/// The provider's working time: business-hour clocks only run inside it.
public struct WorkingCalendar: Codable, Sendable, Equatable {
    /// An IANA time zone ("Europe/Paris"): opening hours are local times there.
    public var timeZone: String
    /// ISO weekdays, 1 = Monday ... 7 = Sunday.
    public var workingDays: [Int]
    /// `HH:MM`, local.
    public var opensAt: String
    public var closesAt: String
    /// Public holidays, `YYYY-MM-DD`.
    public var holidays: [String]

    public init(timeZone: String, workingDays: [Int], opensAt: String, closesAt: String, holidays: [String]) {
        self.timeZone = timeZone
        self.workingDays = workingDays
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.holidays = holidays
    }
}

/// Provider-wide SLA settings (`GET`/`PUT /api/v1/sla`).
public struct SLASettings: Codable, Sendable, Equatable {
    public var calendar: WorkingCalendar
    /// For clients without an active contract with SLA terms.
    public var defaultTerms: SLATerms
    /// An open ticket is "due soon" when a due time is less than this many minutes away.
    public var dueSoonMinutes: Int

    public init(calendar: WorkingCalendar, defaultTerms: SLATerms, dueSoonMinutes: Int) {
        self.calendar = calendar
        self.defaultTerms = defaultTerms
        self.dueSoonMinutes = dueSoonMinutes
    }
}

public enum ContractStatus: String, Codable, Sendable, CaseIterable {
    case draft, active, suspended, ended
}

/// A service contract with a client (`POST /api/v1/contracts`). Its SLA terms set the clocks of the
/// client's tickets while it is active.
public struct NewContract: Codable, Sendable, Equatable {
    public var client: String
    public var reference: String
    public var title: String
    /// `YYYY-MM-DD`.
    public var startsOn: String
    /// Absent: open-ended.
    public var endsOn: String?
    public var status: ContractStatus?
    public var sla: SLATerms?
    public var billing: BillingTerms?
    public var coverage: ContractCoverage?

    public init(client: String, reference: String, title: String, startsOn: String, endsOn: String? = nil, status: ContractStatus? = nil, sla: SLATerms? = nil)
    {
        self.client = client
        self.reference = reference
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.status = status
        self.sla = sla
    }
}

/// `PATCH /api/v1/contracts/{id}`: absent fields stay; `endsOn: ""` makes it open-ended; `clearSLA` removes the terms.
public struct ContractUpdate: Codable, Sendable, Equatable {
    public var title: String?
    public var startsOn: String?
    public var endsOn: String?
    public var status: ContractStatus?
    public var sla: SLATerms?
    public var clearSLA: Bool?
    public var billing: BillingTerms?
    public var coverage: ContractCoverage?

    public init(
        title: String? = nil, startsOn: String? = nil, endsOn: String? = nil, status: ContractStatus? = nil, sla: SLATerms? = nil, clearSLA: Bool? = nil
    ) {
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.status = status
        self.sla = sla
        self.clearSLA = clearSLA
    }
}

public struct Contract: Codable, Sendable, Equatable {
    public var id: Int64
    public var clientCode: String
    public var reference: String
    public var title: String
    public var startsOn: String
    public var endsOn: String?
    public var status: ContractStatus
    public var sla: SLATerms?
    public var billing: BillingTerms
    public var coverage: ContractCoverage
    /// What is invoiced each period (prices hidden from technicians).
    public var lines: [ContractLine] = []
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, clientCode: String, reference: String, title: String, startsOn: String, endsOn: String?, status: ContractStatus, sla: SLATerms?,
        billing: BillingTerms = BillingTerms(), coverage: ContractCoverage = ContractCoverage(), createdAt: Date, updatedAt: Date
    ) {
        self.billing = billing
        self.coverage = coverage
        self.id = id
        self.clientCode = clientCode
        self.reference = reference
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.status = status
        self.sla = sla
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// How and when a contract is invoiced.
public struct BillingTerms: Codable, Sendable, Equatable {
    public var frequency: BillingFrequency
    public var timing: BillingTiming
    /// Day of the month invoices are dated, 1 to 28.
    public var billingDay: Int
    /// Days from the invoice date to the due date.
    public var paymentTermsDays: Int
    public var currency: String
    /// Renewed by this many months at its end unless notice is given; nil: no tacit renewal.
    public var renewalMonths: Int?
    /// Days of notice before the end to stop the renewal.
    public var noticeDays: Int?

    public init(
        frequency: BillingFrequency = .monthly, timing: BillingTiming = .advance, billingDay: Int = 1, paymentTermsDays: Int = 30, currency: String = "EUR",
        renewalMonths: Int? = nil, noticeDays: Int? = nil
    ) {
        self.frequency = frequency
        self.timing = timing
        self.billingDay = billingDay
        self.paymentTermsDays = paymentTermsDays
        self.currency = currency
        self.renewalMonths = renewalMonths
        self.noticeDays = noticeDays
    }
}

/// Which of the client's assets a contract covers: assets of some kinds (default computers), or a
/// list. Covered assets in service are what per-device lines count.
public struct ContractCoverage: Codable, Sendable, Equatable {
    public var kinds: [AssetKind]
    public var assetIDs: [Int64]

    public init(kinds: [AssetKind] = [.computer], assetIDs: [Int64] = []) {
        self.kinds = kinds
        self.assetIDs = assetIDs
    }
}

/// A line to invoice each period (`POST /api/v1/contracts/{id}/lines`).
public struct NewContractLine: Codable, Sendable, Equatable {
    public var kind: ContractLineKind
    public var description: String
    /// Per period (flat), per device or user per period, per hour beyond those included (support
    /// hours), per seat per period (licence resale), per item (one-off). Never negative.
    public var unitPriceCents: Int64
    /// Support hours: hours included per period.
    public var includedHours: Int?
    /// One-off: how many (default 1).
    public var quantity: Int?
    /// Licence resale: the licence whose seats are billed.
    public var licenceID: Int64?
    /// 2000, 1000, 550, 210 or 0; default the client's rate.
    public var vatBasisPoints: Int?
    /// Required with a 0 % rate: why no VAT applies.
    public var vatExemption: VATExemption?

    public init(kind: ContractLineKind, description: String, unitPriceCents: Int64) {
        self.kind = kind
        self.description = description
        self.unitPriceCents = unitPriceCents
    }
}

public struct ContractLine: Codable, Sendable, Equatable {
    public var id: Int64
    public var kind: ContractLineKind
    public var description: String
    /// Absent for technicians.
    public var unitPriceCents: Int64?
    public var includedHours: Int?
    public var quantity: Int?
    public var licenceID: Int64?
    public var vatBasisPoints: Int
    public var vatExemption: VATExemption?
    /// One-off lines: the invoice that billed it.
    public var billedInvoiceID: Int64?

    public init(
        id: Int64, kind: ContractLineKind, description: String, unitPriceCents: Int64?, includedHours: Int?, quantity: Int?, licenceID: Int64?,
        vatBasisPoints: Int, vatExemption: VATExemption?, billedInvoiceID: Int64?
    ) {
        self.id = id
        self.kind = kind
        self.description = description
        self.unitPriceCents = unitPriceCents
        self.includedHours = includedHours
        self.quantity = quantity
        self.licenceID = licenceID
        self.vatBasisPoints = vatBasisPoints
        self.vatExemption = vatExemption
        self.billedInvoiceID = billedInvoiceID
    }
}

public enum RecurrenceUnit: String, Codable, Sendable, CaseIterable {
    case days, weeks, months, years
}

/// "Every N units from a first date": every 3 months from 2026-01-15, every year on 2027-03-01.
public struct Recurrence: Codable, Sendable, Equatable {
    public var every: Int
    public var unit: RecurrenceUnit
    /// The first occurrence, `YYYY-MM-DD`.
    public var startsOn: String

    public init(every: Int, unit: RecurrenceUnit, startsOn: String) {
        self.every = every
        self.unit = unit
        self.startsOn = startsOn
    }
}

/// A preventive maintenance plan (`POST /api/v1/maintenance/plans`): targets listed assets, or all
/// the client's assets of a kind.
public struct NewMaintenancePlan: Codable, Sendable, Equatable {
    public var client: String
    public var name: String
    public var assetIDs: [Int64]?
    public var kind: AssetKind?
    public var recurrence: Recurrence
    public var checklist: [String]
    public var estimatedMinutes: Int?
    public var technicianID: Int64?
    /// How many days before an occurrence its ticket opens (default 7).
    public var leadDays: Int?
    public var priority: TicketPriority?

    public init(client: String, name: String, recurrence: Recurrence, checklist: [String] = []) {
        self.client = client
        self.name = name
        self.recurrence = recurrence
        self.checklist = checklist
    }
}

public struct MaintenancePlan: Codable, Sendable, Equatable {
    public var id: Int64
    public var clientCode: String
    public var name: String
    /// Listed targets; empty when the plan targets a kind.
    public var assetIDs: [Int64]
    public var kind: AssetKind?
    public var recurrence: Recurrence
    public var checklist: [String]
    public var estimatedMinutes: Int?
    public var technicianID: Int64?
    public var leadDays: Int
    public var priority: TicketPriority
    public var paused: Bool
    /// Occurrences up to this day have had their tickets opened.
    public var scheduledThrough: String
    /// The next occurrence after `scheduledThrough`.
    public var nextOccurrence: String?
    public var createdAt: Date

    public init(
        id: Int64, clientCode: String, name: String, assetIDs: [Int64], kind: AssetKind?, recurrence: Recurrence, checklist: [String],
        estimatedMinutes: Int?, technicianID: Int64?, leadDays: Int, priority: TicketPriority, paused: Bool, scheduledThrough: String, createdAt: Date
    ) {
        self.id = id
        self.clientCode = clientCode
        self.name = name
        self.assetIDs = assetIDs
        self.kind = kind
        self.recurrence = recurrence
        self.checklist = checklist
        self.estimatedMinutes = estimatedMinutes
        self.technicianID = technicianID
        self.leadDays = leadDays
        self.priority = priority
        self.paused = paused
        self.scheduledThrough = scheduledThrough
        self.createdAt = createdAt
    }
}

/// `PATCH /api/v1/maintenance/plans/{id}`.
public struct MaintenancePlanUpdate: Codable, Sendable, Equatable {
    public var paused: Bool?

    public init(paused: Bool?) { self.paused = paused }
}

/// What one scheduler pass opened (`POST /api/v1/maintenance/run`).
public struct MaintenanceRun: Codable, Sendable, Equatable {
    /// The day the pass ran as.
    public var asOf: String
    /// Numbers of the tickets opened, in order.
    public var opened: [String]

    public init(asOf: String, opened: [String]) {
        self.asOf = asOf
        self.opened = opened
    }
}

/// `POST /api/v1/maintenance/run` body: run as of a day (default today).
public struct MaintenanceRunRequest: Codable, Sendable, Equatable {
    public var asOf: String?

    public init(asOf: String?) { self.asOf = asOf }
}
