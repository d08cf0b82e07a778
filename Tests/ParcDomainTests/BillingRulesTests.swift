import ParcDomain
import ParcProtocol
import Testing

/// Money, periods and contract pricing on worked examples computed by hand.
@Suite struct BillingRulesTests {
    static func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    @Test func roundingIsHalfAwayFromZero() throws {
        #expect(try Money.divide(12_345, by: 10) == 1235)
        #expect(try Money.divide(-12_345, by: 10) == -1235)
        #expect(try (Money.divide(5, by: 2) == 3 && Money.divide(-5, by: 2) == -3))
        #expect(try (Money.divide(4, by: 3) == 1 && Money.divide(14, by: 3) == 5))
        #expect(try Money.vat(on: 5, basisPoints: 1000) == 1)  // 0.005 € → 0.01 €
        #expect(Money.decimal(123_456) == "1234.56" && Money.decimal(-5) == "-0.05")
    }

    /// VAT is computed once per rate on the rate's subtotal: three lines of 33.33 € at 20 % make
    /// 99.99 € and 20.00 € of VAT (line by line it would be 3 × 6.67 = 20.01 €).
    @Test func vatPerRateOnSubtotals() throws {
        func line(_ cents: Int64, _ rate: Int, _ exemption: VATExemption? = nil) -> ComputedLine {
            ComputedLine(
                kind: .flat, description: "x", quantityMilli: 1000, unitPriceCents: cents, amountCents: cents, vatBasisPoints: rate, vatExemption: exemption)
        }
        let totals = try InvoiceTotals([
            line(3333, 2000), line(3333, 2000), line(3333, 2000), line(1000, 550), line(1999, 210), line(5, 1000), line(10_000, 0, .franchise),
        ])
        #expect(totals.rates.map(\.basisPoints) == [2000, 1000, 550, 210, 0])
        #expect(totals.rates.map(\.subtotalCents) == [9999, 5, 1000, 1999, 10_000])
        #expect(totals.rates.map(\.vatCents) == [2000, 1, 55, 42, 0])  // 19.998 → 20.00; 0.005 → 0.01; 0.55; 0.41979 → 0.42
        #expect(totals.netCents == 23_003 && totals.vatCents == 2098 && totals.grossCents == 25_101)
        #expect(totals.rates.last?.exemption == .franchise)
    }

    @Test func calendarPeriodsWithPartialEnds() throws {
        let monthly = BillingCalendar.periods(frequency: .monthly, contractFirst: Self.day("2026-01-15"), contractLast: nil, through: Self.day("2026-03-31"))
        #expect(monthly.map(\.description) == ["2026-01-15…2026-01-31", "2026-02-01…2026-02-28", "2026-03-01…2026-03-31"])
        #expect(monthly[0].days == 17 && monthly[0].calendarDays == 31 && monthly[0].isPartial && !monthly[1].isPartial)

        let quarterly = BillingCalendar.periods(
            frequency: .quarterly, contractFirst: Self.day("2026-02-10"), contractLast: Self.day("2026-08-20"), through: Self.day("2027-01-01"))
        #expect(quarterly.map(\.description) == ["2026-02-10…2026-03-31", "2026-04-01…2026-06-30", "2026-07-01…2026-08-20"])
        #expect(quarterly.map(\.days) == [50, 91, 51] && quarterly.map(\.calendarDays) == [90, 91, 92])

        let yearly = BillingCalendar.periods(frequency: .yearly, contractFirst: Self.day("2024-03-01"), contractLast: nil, through: Self.day("2025-01-01"))
        #expect(yearly.map(\.description) == ["2024-03-01…2024-12-31", "2025-01-01…2025-12-31"])
        #expect(yearly[0].days == 306 && yearly[0].calendarDays == 366)
        let halves = BillingCalendar.periods(frequency: .halfYearly, contractFirst: Self.day("2026-08-01"), contractLast: nil, through: Self.day("2027-01-01"))
        #expect(halves.map(\.description) == ["2026-08-01…2026-12-31", "2027-01-01…2027-06-30"])
    }

    @Test func recurringRevenuePerMonth() throws {
        let quarterly = ContractPricing.Line(kind: .flat, description: "Care", unitPriceCents: 100_000, vatBasisPoints: 2000)
        #expect(try RecurringRevenue.monthlyCents(quarterly, frequency: .quarterly, usage: .init()) == 33_333)  // 1,000 € a quarter
        let seats = ContractPricing.Line(kind: .licenceResale, description: "Office", unitPriceCents: 1250, vatBasisPoints: 2000)
        #expect(try RecurringRevenue.monthlyCents(seats, frequency: .monthly, usage: .init(units: UnitCount(full: 8))) == 10_000)
        var support = ContractPricing.Line(kind: .supportHours, description: "Support", unitPriceCents: 7500, vatBasisPoints: 2000)
        support.includedHours = 8
        #expect(try RecurringRevenue.monthlyCents(support, frequency: .monthly, usage: .init(billableMinutes: 6000)) == 0)
    }

    @Test func tacitRenewalPushesTheEnd() throws {
        #expect(BillingCalendar.lastDay(endsOn: Self.day("2026-06-30"), renewalMonths: 12, through: Self.day("2027-01-15")) == Self.day("2027-06-30"))
        #expect(BillingCalendar.lastDay(endsOn: Self.day("2026-06-30"), renewalMonths: 12, through: Self.day("2026-05-01")) == Self.day("2026-06-30"))
        #expect(BillingCalendar.lastDay(endsOn: Self.day("2026-01-31"), renewalMonths: 1, through: Self.day("2026-03-10")) == Self.day("2026-03-31"))
        #expect(BillingCalendar.lastDay(endsOn: Self.day("2026-06-30"), renewalMonths: nil, through: Self.day("2027-01-15")) == Self.day("2026-06-30"))
        #expect(BillingCalendar.lastDay(endsOn: nil, renewalMonths: 12, through: Self.day("2027-01-15")) == nil)
    }

    @Test func invoiceDays() throws {
        let periods = BillingCalendar.periods(frequency: .monthly, contractFirst: Self.day("2026-01-15"), contractLast: nil, through: Self.day("2026-02-28"))
        #expect(BillingCalendar.invoiceDay(periods[0], timing: .advance, billingDay: 5) == Self.day("2026-01-15"))  // starts after the 5th
        #expect(BillingCalendar.invoiceDay(periods[1], timing: .advance, billingDay: 5) == Self.day("2026-02-05"))
        #expect(BillingCalendar.invoiceDay(periods[0], timing: .arrears, billingDay: 5) == Self.day("2026-02-05"))
        #expect(BillingCalendar.invoiceDay(periods[1], timing: .arrears, billingDay: 1) == Self.day("2026-03-01"))
    }

    static let english = BillingText(.en)

    /// A computer of client 1 in service from `from` (retired on `retired`, that day still in service).
    static func computer(_ id: Int64, from: String, retired: String? = nil, kind: String = "computer") -> UnitHistory<AssetState> {
        var changes = [StateChange(day: day(from), state: AssetState(clientID: 1, kind: kind, inService: true))]
        if let retired { changes.append(StateChange(day: day(retired), state: AssetState(clientID: 1, kind: kind, inService: false))) }
        return UnitHistory(id: id, changes: changes)
    }

    /// Flat 500 €/month, 30 € per device per month, 8 h of support included then 75 €/h.
    @Test func flatPerDeviceAndSupportHours() throws {
        var flat = ContractPricing.Line(kind: .flat, description: "Managed services", unitPriceCents: 50_000, vatBasisPoints: 2000)
        let devices = ContractPricing.Line(kind: .perDevice, description: "Workstation care", unitPriceCents: 3000, vatBasisPoints: 2000)
        var support = ContractPricing.Line(kind: .supportHours, description: "Support", unitPriceCents: 7500, vatBasisPoints: 2000)
        support.includedHours = 8
        let periods = BillingCalendar.periods(frequency: .monthly, contractFirst: Self.day("2026-01-15"), contractLast: nil, through: Self.day("2026-02-28"))
        let (january, february) = (periods[0], periods[1])
        let contracts = [ContractTerm(id: 7, firstDay: Self.day("2026-01-15"), lastDay: nil, coveredKinds: ["computer"])]

        // Nine computers all along, a tenth retired on 10 February (in service on the 1st: the whole
        // month, not refunded), one more from 15 February (14 of 28 days), one after the period.
        var fleet = (1...9).map { Self.computer($0, from: "2025-06-01") }
        fleet.append(Self.computer(10, from: "2025-06-01", retired: "2026-02-10"))
        fleet.append(Self.computer(11, from: "2026-02-15"))
        fleet.append(Self.computer(12, from: "2026-03-02"))
        fleet.append(Self.computer(13, from: "2025-06-01", kind: "printer"))  // not a covered kind
        let counted = BillingUsage.devices(contractID: 7, clientID: 1, contracts: contracts, period: february, assets: fleet)
        #expect(counted == UnitCount(full: 10, added: 1, fullUnitDays: 280, addedUnitDays: 14))

        let febFlat = try ContractPricing.line(flat, period: february, usage: .init(), text: Self.english)
        #expect(febFlat.amountCents == 50_000 && febFlat.quantityMilli == 1000 && febFlat.baseQuantity == 1)
        let febDevices = try ContractPricing.line(devices, period: february, usage: .init(units: counted), text: Self.english)
        // 30 € × (10 × 28 + 14) / 28 = 315 €, printed as 294 days at 30 € per 28 days.
        #expect(febDevices.amountCents == 31_500 && febDevices.quantityMilli == 294_000 && febDevices.unit == .day && febDevices.baseQuantity == 28)
        #expect(febDevices.description == "Workstation care: 10 devices (280 days) + 1 added during the period (14 days), 01/02/2026 to 28/02/2026")
        let febSupport = try ContractPricing.line(support, period: february, usage: .init(billableMinutes: 570), text: Self.english)
        #expect(febSupport.amountCents == 11_250 && febSupport.quantityMilli == 90_000 && febSupport.baseQuantity == 60)  // 90 min at 75 € per 60 min
        #expect(febSupport.description.contains("9 h 30 used of 8 h included"))

        // January runs from the 15th: 17 of 31 days. One computer arrives on the 20th (12 days).
        let januaryFleet = (1...10).map { Self.computer($0, from: "2025-06-01") } + [Self.computer(11, from: "2026-01-20")]
        let januaryCount = BillingUsage.devices(contractID: 7, clientID: 1, contracts: contracts, period: january, assets: januaryFleet)
        #expect(januaryCount == UnitCount(full: 10, added: 1, fullUnitDays: 170, addedUnitDays: 12))
        let januaryFlat = try ContractPricing.line(flat, period: january, usage: .init(), text: Self.english)
        #expect(januaryFlat.amountCents == 27_419 && januaryFlat.quantityMilli == 17_000 && januaryFlat.baseQuantity == 31)  // 500 € × 17/31 = 274.1935
        // 30 € × 182/31 = 176.129
        #expect(try ContractPricing.line(devices, period: january, usage: .init(units: januaryCount), text: Self.english).amountCents == 17_613)
        #expect(try ContractPricing.line(support, period: january, usage: .init(billableMinutes: 300), text: Self.english).amountCents == 0)

        flat.vatBasisPoints = 0
        flat.vatExemption = .reverseCharge
        #expect(try ContractPricing.line(flat, period: february, usage: .init(), text: Self.english).vatExemption == .reverseCharge)
        var setup = ContractPricing.Line(kind: .oneOff, description: "Setup", unitPriceCents: 15_000, vatBasisPoints: 2000)
        setup.quantity = 2
        #expect(try ContractPricing.line(setup, period: february, usage: .init(), text: Self.english).amountCents == 30_000)
        let resale = ContractPricing.Line(kind: .licenceResale, description: "Office", unitPriceCents: 1250, vatBasisPoints: 2000)
        let eightSeats = BillingUsage.seats(
            contractID: 9, licence: UnitHistory(id: 3, changes: [StateChange(day: Self.day("2025-01-01"), state: 8)]),
            contracts: [ContractTerm(id: 9, firstDay: Self.day("2026-01-15"), lastDay: nil, resoldLicenceIDs: [3])], period: january)
        #expect(eightSeats == UnitCount(full: 8, fullUnitDays: 136))
        // 12.50 × 8 × 17/31 = 54.8387
        #expect(try ContractPricing.line(resale, period: january, usage: .init(units: eightSeats), text: Self.english).amountCents == 5484)
    }

    /// Devices that come and go inside a period count for the days they were in service; one that
    /// moves to another client stops counting the day it moves.
    @Test func unitsComingAndGoing() {
        let march = BillingCalendar.periods(frequency: .monthly, contractFirst: Self.day("2026-03-01"), contractLast: nil, through: Self.day("2026-03-31"))[0]
        let contracts = [ContractTerm(id: 1, firstDay: Self.day("2026-01-01"), lastDay: nil, coveredKinds: ["computer"])]
        // In service 5–20 March: 16 days. Back in stock on the 10th and in use again on the 25th: 10 days then 7.
        let shortLived = Self.computer(1, from: "2026-03-05", retired: "2026-03-20")
        var intermittent = Self.computer(2, from: "2026-03-01")
        intermittent.changes.append(StateChange(day: Self.day("2026-03-10"), state: AssetState(clientID: 1, kind: "computer", inService: false)))
        intermittent.changes.append(StateChange(day: Self.day("2026-03-25"), state: AssetState(clientID: 1, kind: "computer", inService: true)))
        var moved = Self.computer(3, from: "2026-03-03")
        moved.changes.append(StateChange(day: Self.day("2026-03-13"), state: AssetState(clientID: 2, kind: "computer", inService: true)))
        let count = BillingUsage.devices(contractID: 1, clientID: 1, contracts: contracts, period: march, assets: [shortLived, intermittent, moved])
        // The second was in service on the 1st: the whole month (31). The first 16 days; the third 3–12 March, 10 days.
        #expect(count == UnitCount(full: 1, added: 2, fullUnitDays: 31, addedUnitDays: 26))
        // Employees: active on the 1st and deactivated on the 2nd still count for the month; one added on the 31st, a day.
        let users = BillingUsage.users(
            contractID: 1, contracts: [ContractTerm(id: 1, firstDay: Self.day("2026-01-01"), lastDay: nil, billsUsers: true)], period: march,
            employees: [
                UnitHistory(id: 1, changes: [StateChange(day: Self.day("2025-01-01"), state: true), StateChange(day: Self.day("2026-03-02"), state: false)]),
                UnitHistory(id: 2, changes: [StateChange(day: Self.day("2026-03-31"), state: true)]),
            ])
        #expect(users == UnitCount(full: 1, added: 1, fullUnitDays: 31, addedUnitDays: 1))
        // Seats: 5 from before, 8 from the 21st (3 more for 11 days), back to 6 on the 31st (1 more that day).
        let seats = BillingUsage.seats(
            contractID: 1,
            licence: UnitHistory(
                id: 4,
                changes: [
                    StateChange(day: Self.day("2025-01-01"), state: 5), StateChange(day: Self.day("2026-03-21"), state: 8),
                    StateChange(day: Self.day("2026-03-31"), state: 6),
                ]), contracts: [ContractTerm(id: 1, firstDay: Self.day("2026-01-01"), lastDay: nil, resoldLicenceIDs: [4])], period: march)
        #expect(seats == UnitCount(full: 5, added: 3, fullUnitDays: 155, addedUnitDays: 33))  // 3 × 10 (21–30) + 3 on the 31st (8 then 6: 8 that day)
    }

    /// Two contracts of one client: the one listing a computer takes it over from the one covering
    /// all computers from the day it starts; each bills its own days.
    @Test func aLaterContractTakesOverTheDaysItCovers() {
        let february = BillingCalendar.periods(frequency: .monthly, contractFirst: Self.day("2026-02-01"), contractLast: nil, through: Self.day("2026-02-28"))[
            0]
        let contracts = [
            ContractTerm(id: 1, firstDay: Self.day("2026-01-01"), lastDay: nil, coveredKinds: ["computer"]),
            ContractTerm(id: 2, firstDay: Self.day("2026-02-10"), lastDay: Self.day("2026-02-20"), assetIDs: [5]),
        ]
        let server = Self.computer(5, from: "2025-01-01")
        // Contract 1: 1–9 February (in service and covered on the 1st: its run), then 21–28 again (8 days).
        #expect(
            BillingUsage.devices(contractID: 1, clientID: 1, contracts: contracts, period: february, assets: [server])
                == UnitCount(full: 1, fullUnitDays: 9, addedUnitDays: 8))
        // Contract 2: 10–20 February, 11 days, as an addition.
        #expect(
            BillingUsage.devices(contractID: 2, clientID: 1, contracts: contracts, period: february, assets: [server])
                == UnitCount(added: 1, addedUnitDays: 11))
        #expect(BillingUsage.coveringContract(assetID: 5, kind: "computer", on: Self.day("2026-02-15"), among: contracts) == 2)
        #expect(BillingUsage.coveringContract(assetID: 5, kind: "computer", on: Self.day("2026-02-21"), among: contracts) == 1)
    }

    /// French documents in French, English ones in English.
    @Test func documentTexts() {
        let french = BillingText(.fr)
        #expect(french.date(Self.day("2026-12-04")) == "4 décembre 2026" && french.date(Self.day("2026-03-01")) == "1er mars 2026")
        #expect(Self.english.date(Self.day("2026-12-04")) == "4 December 2026")
        #expect(french.money(123_456_789, "EUR") == "1\u{202F}234\u{202F}567,89\u{A0}€" && Self.english.money(123_456_789, "EUR") == "€1,234,567.89")
        #expect(french.percent(550) == "5,5\u{A0}%" && Self.english.percent(550) == "5.5%" && french.percent(2000) == "20\u{A0}%")
        #expect(french.quantity(10_500) == "10,5" && Self.english.quantity(1_234_500) == "1,234.5")
        #expect(french.country("DE") == "Allemagne" && Self.english.country("DE") == "Germany" && french.country("XX") == "XX")
        #expect(french.mention(.reverseCharge).contains("259-1 du CGI") && Self.english.mention(.reverseCharge).contains("Reverse charge"))
        let devices = ContractPricing.Line(kind: .perDevice, description: "Postes", unitPriceCents: 3000, vatBasisPoints: 2000)
        let march = BillingCalendar.periods(frequency: .monthly, contractFirst: Self.day("2026-03-01"), contractLast: nil, through: Self.day("2026-03-31"))[0]
        let line = try? ContractPricing.line(devices, period: march, usage: .init(units: UnitCount(full: 3, fullUnitDays: 93)), text: french)
        #expect(line?.description == "Postes : 3 appareils, du 01/03/2026 au 31/03/2026" && line?.quantityMilli == 3000 && line?.amountCents == 9000)
    }
}
