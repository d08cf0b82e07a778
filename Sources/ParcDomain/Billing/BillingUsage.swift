import ParcProtocol

/// A contract as billing sees it when it decides which of a client's contracts bills a unit on a day.
public struct ContractTerm: Sendable, Equatable {
    public var id: Int64
    public var firstDay: CalendarDay
    /// Nil while open-ended (or renewed tacitly and not ended).
    public var lastDay: CalendarDay?
    public var coveredKinds: Set<String>
    public var assetIDs: Set<Int64>
    public var billsUsers: Bool
    public var resoldLicenceIDs: Set<Int64>

    public init(
        id: Int64, firstDay: CalendarDay, lastDay: CalendarDay?, coveredKinds: Set<String> = [], assetIDs: Set<Int64> = [], billsUsers: Bool = false,
        resoldLicenceIDs: Set<Int64> = []
    ) {
        self.id = id
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.coveredKinds = coveredKinds
        self.assetIDs = assetIDs
        self.billsUsers = billsUsers
        self.resoldLicenceIDs = resoldLicenceIDs
    }

    public func isInForce(on day: CalendarDay) -> Bool { firstDay <= day && (lastDay.map { day <= $0 } ?? true) }
}

/// How a unit's state changed: from `day` on it is `state` (several changes on one day keep their order).
public struct StateChange<State: Sendable & Equatable>: Sendable, Equatable {
    public var day: CalendarDay
    public var state: State

    public init(day: CalendarDay, state: State) {
        self.day = day
        self.state = state
    }
}

/// An asset as billing reads it on a day: whose it is, what kind, and whether it is in service
/// (in use or in repair).
public struct AssetState: Sendable, Equatable {
    public var clientID: Int64
    public var kind: String
    public var inService: Bool

    public init(clientID: Int64, kind: String, inService: Bool) {
        self.clientID = clientID
        self.kind = kind
        self.inService = inService
    }
}

/// One unit's history: an asset, an employee (in service while active) or a licence (its seat count).
public struct UnitHistory<State: Sendable & Equatable>: Sendable, Equatable {
    public var id: Int64
    public var changes: [StateChange<State>]

    public init(id: Int64, changes: [StateChange<State>]) {
        self.id = id
        self.changes = changes
    }

    /// Each day of `first...last`: the state the day ends in (what the unit is, whose), and every
    /// state it held during the day (a unit retired on the 20th was in service on the 20th).
    func days(_ first: CalendarDay, _ last: CalendarDay) -> [(end: State?, during: [State])] {
        var result: [(end: State?, during: [State])] = []
        var index = 0
        var current: State?
        while index < changes.count, changes[index].day < first {
            current = changes[index].state
            index += 1
        }
        var day = first
        while day <= last {
            var during = current.map { [$0] } ?? []
            while index < changes.count, changes[index].day == day {
                current = changes[index].state
                during.append(changes[index].state)
                index += 1
            }
            result.append((current, during))
            day = day.adding(days: 1)
        }
        return result
    }
}

/// What a contract line counts over a period: units billed for the whole period (in service and
/// covered on its first day) and units added during it, each with its unit-days.
public struct UnitCount: Sendable, Equatable {
    public var full = 0
    public var added = 0
    public var fullUnitDays = 0
    public var addedUnitDays = 0

    public init(full: Int = 0, added: Int = 0, fullUnitDays: Int = 0, addedUnitDays: Int = 0) {
        self.full = full
        self.added = added
        self.fullUnitDays = fullUnitDays
        self.addedUnitDays = addedUnitDays
    }

    /// In 128 bits: counts come from histories, but the sum must not trap whatever they hold.
    public var unitDays: Int128 { Int128(fullUnitDays) + Int128(addedUnitDays) }
    /// The part known on the period's first day, which an invoice in advance bills.
    public var fixedPart: UnitCount { UnitCount(full: full, fullUnitDays: fullUnitDays) }
    /// What only the period's end knows, which the next invoice in advance trues up.
    public var addedPart: UnitCount { UnitCount(added: added, addedUnitDays: addedUnitDays) }
}

/// Which contract bills each unit on each day, and how many unit-days that comes to.
///
/// One unit-day, one contract: on a given day an asset is billed by the contract covering it (the
/// registry's rule: among the client's contracts in force that day that cover its kind or list it,
/// the latest started), an employee by the latest started contract in force with a per-user line,
/// a licence's seats by the latest started contract in force reselling that licence.
///
/// The counting rule over a period: a unit in service and covered on the period's first day counts
/// for every day the contract covers it from there (what stops during the period is not refunded);
/// any other unit counts for the days it was in service and covered.
public enum BillingUsage {
    /// The contract that bills a unit on `day`, among those `bills` accepts.
    public static func billingContract(on day: CalendarDay, among contracts: [ContractTerm], _ bills: (ContractTerm) -> Bool) -> Int64? {
        var best: ContractTerm?
        for contract in contracts where contract.isInForce(on: day) && bills(contract) {
            if let current = best, (current.firstDay, current.id) > (contract.firstDay, contract.id) { continue }
            best = contract
        }
        return best?.id
    }

    /// The contract covering an asset of `kind` on `day` (what the registry shows as covering it).
    public static func coveringContract(assetID: Int64, kind: String, on day: CalendarDay, among contracts: [ContractTerm]) -> Int64? {
        billingContract(on: day, among: contracts) { $0.coveredKinds.contains(kind) || $0.assetIDs.contains(assetID) }
    }

    /// Devices `contractID` bills over `period`, from the client's assets' histories.
    public static func devices(
        contractID: Int64, clientID: Int64, contracts: [ContractTerm], period: BillingPeriod, assets: [UnitHistory<AssetState>]
    ) -> UnitCount {
        var count = UnitCount()
        for asset in assets {
            let days = asset.days(period.first, period.last)
            var covered: [Bool] = []
            var inService: [Bool] = []
            var day = period.first
            for (end, during) in days {
                let ours = end.map { $0.clientID == clientID } ?? false
                covered.append(
                    ours && coveringContract(assetID: asset.id, kind: end?.kind ?? "", on: day, among: contracts) == contractID)
                inService.append(ours && during.contains { $0.clientID == clientID && $0.inService })
                day = day.adding(days: 1)
            }
            add(&count, covered: covered, inService: inService)
        }
        return count
    }

    /// Employees `contractID` bills over `period` (in service while active).
    public static func users(contractID: Int64, contracts: [ContractTerm], period: BillingPeriod, employees: [UnitHistory<Bool>]) -> UnitCount {
        let covered = eachDay(period) { billingContract(on: $0, among: contracts) { $0.billsUsers } == contractID }
        var count = UnitCount()
        for employee in employees {
            add(&count, covered: covered, inService: employee.days(period.first, period.last).map { $0.during.contains(true) })
        }
        return count
    }

    /// Seats of a licence `contractID` bills over `period`: seat k is in service on a day when the
    /// licence had at least k seats that day.
    public static func seats(contractID: Int64, licence: UnitHistory<Int>, contracts: [ContractTerm], period: BillingPeriod) -> UnitCount {
        let covered = eachDay(period) { billingContract(on: $0, among: contracts) { $0.resoldLicenceIDs.contains(licence.id) } == contractID }
        let seats = licence.days(period.first, period.last).map { $0.during.max() ?? 0 }
        // Seats held on the first day count for the whole covered run from there; seats above that
        // count for the days they were there (a seat number's days, summed without looping per seat).
        var count = UnitCount()
        let run = covered.prefix { $0 }.count
        let base = run > 0 ? seats[0] : 0
        count.full = base
        count.fullUnitDays = base * run
        var addedPeak = 0
        for index in covered.indices where covered[index] {
            let extra = index < run ? max(0, seats[index] - base) : seats[index]
            count.addedUnitDays += extra
            addedPeak = max(addedPeak, extra)
        }
        count.added = addedPeak
        return count
    }

    static func eachDay(_ period: BillingPeriod, _ body: (CalendarDay) -> Bool) -> [Bool] {
        var result: [Bool] = []
        var day = period.first
        while day <= period.last {
            result.append(body(day))
            day = day.adding(days: 1)
        }
        return result
    }

    /// Adds one unit's days by the counting rule.
    static func add(_ count: inout UnitCount, covered: [Bool], inService: [Bool]) {
        guard let first = covered.first else { return }
        var run = 0
        if first && inService[0] {
            run = covered.prefix { $0 }.count
            count.full += 1
            count.fullUnitDays += run
        }
        var added = 0
        for index in covered.indices.dropFirst(run) where covered[index] && inService[index] { added += 1 }
        if added > 0 {
            if run == 0 { count.added += 1 }
            count.addedUnitDays += added
        }
    }
}
