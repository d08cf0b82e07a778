import ParcDomain
import ParcProtocol
import ParcTestSupport
import Testing

/// Over random contracts and usage histories, every unit-day is billed by one contract at most, by
/// the one covering it, and every day a unit is in service and covered is billed: once and only once
/// across a client's contracts. Coverage is recomputed here day by day, independently of the product.
@Suite struct BillingAllocationPropertyTests {
    static let kinds = ["computer", "printer", "server"]

    /// The covering contract by the rule as written: in force that day, covering the kind or listing
    /// the asset; the latest started, then the latest created.
    static func covering(_ assetID: Int64, _ kind: String, _ day: CalendarDay, _ contracts: [ContractTerm]) -> Int64? {
        contracts.filter {
            $0.firstDay <= day && ($0.lastDay == nil || day <= $0.lastDay!) && ($0.coveredKinds.contains(kind) || $0.assetIDs.contains(assetID))
        }
        .max { ($0.firstDay.number, $0.id) < ($1.firstDay.number, $1.id) }?.id
    }

    @Test func everyUnitDayIsBilledOnceAndOnlyOnce() {
        var random = SeededGenerator(state: 2_026_120_4)
        let base = CalendarDay(year: 2026, month: 1, day: 1)
        for _ in 0..<300 {
            let contracts = (1...Int.random(in: 1...4, using: &random)).map { id in
                let first = base.adding(days: Int.random(in: -40...80, using: &random))
                let last = Bool.random(using: &random) ? first.adding(days: Int.random(in: 0...90, using: &random)) : nil
                return ContractTerm(
                    id: Int64(id), firstDay: first, lastDay: last, coveredKinds: Set(Self.kinds.filter { _ in Bool.random(using: &random) }),
                    assetIDs: Set((1...6).filter { _ in Int.random(in: 0..<4, using: &random) == 0 }.map(Int64.init)))
            }
            let assets = (1...6).map { id -> UnitHistory<AssetState> in
                var day = base.adding(days: Int.random(in: -30...60, using: &random))
                var changes: [StateChange<AssetState>] = []
                for _ in 0..<Int.random(in: 1...5, using: &random) {
                    let state = AssetState(
                        clientID: Int.random(in: 0..<5, using: &random) == 0 ? 2 : 1, kind: Self.kinds.randomElement(using: &random)!,
                        inService: Int.random(in: 0..<3, using: &random) > 0)
                    changes.append(StateChange(day: day, state: state))
                    day = day.adding(days: Int.random(in: 0...20, using: &random))
                }
                return UnitHistory(id: Int64(id), changes: changes)
            }
            let month = Int.random(in: 1...3, using: &random)
            let first = CalendarDay(year: 2026, month: month, day: 1)
            let period = BillingPeriod(
                first: first, last: first.adding(months: 1).adding(days: -1), calendarFirst: first, calendarLast: first.adding(months: 1).adding(days: -1))
            for asset in assets {
                // Day by day, from the history: the state the day ends in, and whether it was in service at some time that day.
                var inServiceCovered: [Int64: Int] = [:]
                var coveredDays: [Int64: Int] = [:]
                var day = period.first
                while day <= period.last {
                    let before = asset.changes.last { $0.day < day }?.state
                    let today = asset.changes.filter { $0.day == day }.map(\.state)
                    if let end = today.last ?? before, end.clientID == 1, let owner = Self.covering(asset.id, end.kind, day, contracts) {
                        coveredDays[owner, default: 0] += 1
                        if ([before].compactMap { $0 } + today).contains(where: { $0.clientID == 1 && $0.inService }) {
                            inServiceCovered[owner, default: 0] += 1
                        }
                    }
                    day = day.adding(days: 1)
                }
                var billedDays: Int128 = 0
                for contract in contracts {
                    let count = BillingUsage.devices(contractID: contract.id, clientID: 1, contracts: contracts, period: period, assets: [asset])
                    // Billed only on days this contract covers the asset, and on every such day it was in service.
                    #expect(count.unitDays <= Int128(coveredDays[contract.id, default: 0]), "contract \(contract.id) bills days it does not cover")
                    #expect(count.unitDays >= Int128(inServiceCovered[contract.id, default: 0]), "contract \(contract.id) misses days in service")
                    #expect(count.full + count.added <= 1)
                    billedDays += count.unitDays
                }
                #expect(billedDays <= Int128(period.days))
            }
        }
    }
}
