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
        #expect(try RecurringRevenue.monthlyCents(seats, frequency: .monthly, usage: .init(seats: 8)) == 10_000)
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

    /// Flat 500 €/month, 30 € per device per month, 8 h of support included then 75 €/h.
    @Test func flatPerDeviceAndSupportHours() throws {
        var flat = ContractPricing.Line(kind: .flat, description: "Managed services", unitPriceCents: 50_000, vatBasisPoints: 2000)
        let devices = ContractPricing.Line(kind: .perDevice, description: "Workstation care", unitPriceCents: 3000, vatBasisPoints: 2000)
        var support = ContractPricing.Line(kind: .supportHours, description: "Support", unitPriceCents: 7500, vatBasisPoints: 2000)
        support.includedHours = 8
        let periods = BillingCalendar.periods(frequency: .monthly, contractFirst: Self.day("2026-01-15"), contractLast: nil, through: Self.day("2026-02-28"))
        let (january, february) = (periods[0], periods[1])

        // Ten devices all along, one more from 15 February (14 of 28 days), one retired on the 10th (not refunded).
        var fleet = (0..<9).map { _ in ServiceSpan(from: Self.day("2025-06-01"), through: nil) }
        fleet.append(ServiceSpan(from: Self.day("2025-06-01"), through: Self.day("2026-02-10")))
        fleet.append(ServiceSpan(from: Self.day("2026-02-15"), through: nil))
        fleet.append(ServiceSpan(from: Self.day("2026-03-02"), through: nil))  // after the period: not counted
        let usage = ContractPricing.Usage(devices: fleet, billableMinutes: 570)

        let febFlat = try ContractPricing.line(flat, period: february, usage: usage)
        #expect(febFlat.amountCents == 50_000 && febFlat.quantityMilli == 1000)
        let febDevices = try ContractPricing.line(devices, period: february, usage: usage)
        #expect(febDevices.amountCents == 31_500 && febDevices.quantityMilli == 10_500)  // 30 € × (10 × 28 + 14) / 28
        #expect(febDevices.description.contains("10 device(s) + 1 added"))
        let febSupport = try ContractPricing.line(support, period: february, usage: usage)
        #expect(febSupport.amountCents == 11_250 && febSupport.quantityMilli == 1500)  // 9 h 30 used, 1 h 30 over at 75 €
        #expect(febSupport.description.contains("9 h 30 used of 8 h included"))

        // January runs from the 15th: 17 of 31 days. One device arrives on the 20th (12 days).
        let januaryFleet = ContractPricing.Usage(
            devices: (0..<10).map { _ in ServiceSpan(from: Self.day("2025-06-01"), through: nil) } + [ServiceSpan(from: Self.day("2026-01-20"), through: nil)])
        #expect(try ContractPricing.line(flat, period: january, usage: januaryFleet).amountCents == 27_419)  // 500 € × 17/31 = 274.1935
        #expect(try ContractPricing.line(devices, period: january, usage: januaryFleet).amountCents == 17_613)  // 30 € × (10 × 17 + 12) / 31 = 176.129
        #expect(try ContractPricing.line(support, period: january, usage: ContractPricing.Usage(billableMinutes: 300)).amountCents == 0)

        flat.vatBasisPoints = 0
        flat.vatExemption = .reverseCharge
        #expect(try ContractPricing.line(flat, period: february, usage: usage).vatExemption == .reverseCharge)
        var setup = ContractPricing.Line(kind: .oneOff, description: "Setup", unitPriceCents: 15_000, vatBasisPoints: 2000)
        setup.quantity = 2
        #expect(try ContractPricing.line(setup, period: february, usage: usage).amountCents == 30_000)
        var resale = ContractPricing.Line(kind: .licenceResale, description: "Office", unitPriceCents: 1250, vatBasisPoints: 2000)
        resale.includedHours = nil
        #expect(try ContractPricing.line(resale, period: january, usage: ContractPricing.Usage(seats: 8)).amountCents == 5484)  // 12.50 × 8 × 17/31 = 54.8387
    }
}
