import ParcDomain
import ParcProtocol
import ParcTestSupport
import Testing

/// No value can trap the pricing or SLA arithmetic: random and extreme inputs either give an
/// answer or `Money.OutOfRange`, and inputs within `Bounds` always give an answer. A trap would end
/// this test process, failing the run.
@Suite struct OverflowPropertyTests {
    static let extremes: [Int64] = [
        .min, .min + 1, -1_000_000_000_000, -1, 0, 1, 999, Bounds.amountCents, Bounds.amountCents + 1, .max / 60, .max / 2, .max - 1, .max,
    ]
    static let extremeInts: [Int] = [.min, -1, 0, 1, 59, 60, 61, Bounds.count, Bounds.slaMinutes, Int(Int32.max), .max / 60 + 1, .max]

    static func anyInt64(_ random: inout SeededGenerator) -> Int64 {
        Bool.random(using: &random) ? extremes.randomElement(using: &random)! : Int64.random(in: .min ... .max, using: &random)
    }

    static func anyInt(_ random: inout SeededGenerator) -> Int {
        Bool.random(using: &random) ? extremeInts.randomElement(using: &random)! : Int.random(in: .min ... .max, using: &random)
    }

    static func period(_ random: inout SeededGenerator) -> BillingPeriod {
        let first = CalendarDay(year: Int.random(in: 1970...2199, using: &random), month: Int.random(in: 1...12, using: &random), day: 1)
        let days = Int.random(in: 0...30, using: &random)
        return BillingPeriod(first: first, last: first.adding(days: days), calendarFirst: first, calendarLast: first.adding(days: 30))
    }

    @Test func pricingNeverTraps() {
        var random = SeededGenerator(state: 20_261_204)
        var answered = 0
        var refused = 0
        for round in 0..<20_000 {
            let kind = ContractLineKind.allCases[round % ContractLineKind.allCases.count]
            var line = ContractPricing.Line(kind: kind, description: "x", unitPriceCents: Self.anyInt64(&random), vatBasisPoints: 2000)
            line.includedHours = Self.anyInt(&random)
            line.quantity = Self.anyInt(&random)
            let period = Self.period(&random)
            let units = UnitCount(
                full: Self.anyInt(&random), added: Self.anyInt(&random), fullUnitDays: Self.anyInt(&random), addedUnitDays: Self.anyInt(&random))
            let usage = ContractPricing.Usage(units: units, billableMinutes: Self.anyInt(&random))
            do {
                let computed = try ContractPricing.line(line, period: period, usage: usage, text: BillingText(.en))
                _ = try? ContractPricing.trueUp(line, period: period, usage: usage, text: BillingText(.fr))
                _ = try? InvoiceTotals([computed, computed], creditedBefore: [computed])
                answered += 1
            } catch {
                refused += 1
            }
            _ = try? RecurringRevenue.monthlyCents(line, frequency: BillingFrequency.allCases[round % BillingFrequency.allCases.count], usage: usage)
            _ = try? Money.vat(on: Self.anyInt64(&random), basisPoints: Self.anyInt(&random))
            _ = try? Money.divide(Int128(Self.anyInt64(&random)) * Int128(Self.anyInt64(&random)), by: Int128(Self.anyInt64(&random)))
        }
        #expect(answered > 0 && refused > 0, "\(answered) answered, \(refused) refused")
    }

    /// Within the bounds every line has an answer: the bounds, not the guard, are what users meet.
    @Test func everythingWithinTheBoundsIsPriced() throws {
        var random = SeededGenerator(state: 42)
        for round in 0..<5_000 {
            let kind = ContractLineKind.allCases[round % ContractLineKind.allCases.count]
            var line = ContractPricing.Line(
                kind: kind, description: "x", unitPriceCents: Int64.random(in: 0...Bounds.amountCents, using: &random), vatBasisPoints: 2000)
            line.includedHours = Int.random(in: 0...Bounds.includedHours, using: &random)
            line.quantity = Int.random(in: 1...Bounds.count, using: &random)
            let seats = Int.random(in: 0...Bounds.count, using: &random)
            let period = Self.period(&random)
            let usage = ContractPricing.Usage(
                units: UnitCount(full: seats, fullUnitDays: seats * period.days), billableMinutes: Int.random(in: 0...44_640, using: &random))
            let computed = try ContractPricing.line(line, period: period, usage: usage, text: BillingText(.fr))
            _ = try InvoiceTotals(Array(repeating: computed, count: 100))
        }
        // The largest one-off line: a million items at the largest price, with its VAT.
        var largest = ContractPricing.Line(kind: .oneOff, description: "x", unitPriceCents: Bounds.amountCents, vatBasisPoints: 2000)
        largest.quantity = Bounds.count
        let totals = try InvoiceTotals([try ContractPricing.line(largest, period: Self.period(&random), usage: .init(), text: BillingText(.en))])
        #expect(totals.grossCents == Bounds.amountCents * Int64(Bounds.count) / 10 * 12)
    }

    @Test func slaClocksNeverTrap() {
        var random = SeededGenerator(state: 7)
        let business = WorkingTime(hours: .business, workingDays: [1, 2, 3, 4, 5], opensAt: 540, closesAt: 1080, holidays: [], utcOffset: { _ in 3600 })
        for _ in 0..<5_000 {
            let start = Int64.random(in: 0...7_000_000_000, using: &random)
            let pauses = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                let from = start + Int64.random(in: 0...1_000_000, using: &random)
                return ClockPause(start: from, end: Bool.random(using: &random) ? nil : from + Int64.random(in: 0...1_000_000, using: &random))
            }
            let target = Self.anyInt(&random)
            _ = SLAClock.due(start: start, targetMinutes: target, pauses: pauses, in: .allDay)
            _ = SLAClock.due(start: start, targetMinutes: target, pauses: pauses, in: business)
        }
        #expect(SLAClock.due(start: 1_000, targetMinutes: .max, pauses: [], in: .allDay) == nil)
        #expect(SLAClock.due(start: 1_000, targetMinutes: 1, pauses: [], in: .allDay) == 1_060)
    }

    @Test func typedAmountsAreBounded() {
        #expect(AssetRules.parseCents("92233720368547758") == nil)
        #expect(AssetRules.parseCents("99999999999999999999") == nil)
        #expect(AssetRules.parseCents("100000000") == Bounds.amountCents)
        #expect(AssetRules.parseCents("100000000,01") == Bounds.amountCents + 1)
    }
}
