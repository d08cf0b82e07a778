import Foundation
import ParcDomain
import ParcProtocol
import ParcServer
import ParcTestSupport
import SQLKit
import Testing

/// The billing defects an accountant found, each on both databases with worked examples computed
/// by hand here (never by calling the product's formulas).
@Suite struct BillingCorrectnessTests {
    static func at(_ day: String) -> Date { try! Date(day + "T10:00:00Z", strategy: .iso8601) }

    static func contract(
        _ store: Store, client: String, reference: String, startsOn: String, timing: BillingTiming, kinds: [AssetKind] = [.computer], assets: [Int64] = []
    ) async throws -> Contract {
        var new = NewContract(client: client, reference: reference, title: reference, startsOn: startsOn, status: .active)
        new.billing = BillingTerms(frequency: .monthly, timing: timing, billingDay: 1, paymentTermsDays: 30)
        new.coverage = ContractCoverage(kinds: kinds, assetIDs: assets)
        return try await store.createContract(try ContractRules.validated(new))
    }

    static func computer(_ store: Store, client: String, _ name: String, on day: String) async throws -> Asset {
        var pc = NewAsset(client: client, kind: .computer, name: name)
        pc.status = .inUse
        return try await store.createAsset(pc, by: "boss@p.example", now: at(day))
    }

    static func retire(_ store: Store, _ asset: Asset, on day: String) async throws {
        var update = AssetUpdate()
        update.status = .retired
        _ = try await store.updateAsset(id: asset.id, update, by: "boss@p.example", now: at(day))
    }

    /// Defect 1: ending a contract bills it up to its end date; a future end is a notice.
    @Test(arguments: TestBackend.available)
    func anEndedContractIsBilledUpToItsLastDay(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            _ = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
            // In arrears, 310 € a month from 1 January, ended on 15 March (told on 10 February).
            let arrears = try await Self.contract(store, client: "ACME", reference: "C-ARR", startsOn: "2026-01-01", timing: .arrears)
            _ = try await store.addContractLine(contractID: arrears.id, NewContractLine(kind: .flat, description: "Care", unitPriceCents: 31_000))
            _ = try await store.updateContract(id: arrears.id, ContractUpdate(endsOn: "2026-03-15", status: .ended), now: Self.at("2026-02-10"))
            // In advance, 100 € a month, notice given in February for 31 December.
            let advance = try await Self.contract(store, client: "ACME", reference: "C-ADV", startsOn: "2026-01-01", timing: .advance)
            _ = try await store.addContractLine(contractID: advance.id, NewContractLine(kind: .flat, description: "Backup", unitPriceCents: 10_000))
            _ = try await store.updateContract(id: advance.id, ContractUpdate(endsOn: "2026-12-31", status: .ended), now: Self.at("2026-02-10"))

            let run = try await store.runBilling(asOf: "2026-06-01", clientCode: nil, dryRun: false).invoices
            try Self.checkLineArithmetic(run)
            let ended = run.filter { $0.contractID == arrears.id }
            // January 310, February 310, 1–15 March: 310 × 15/31 = 150.00 (a 15-day quantity at 310 € per 31 days).
            #expect(ended.map(\.netCents) == [31_000, 31_000, 15_000])
            #expect(ended.last?.periodLast == "2026-03-15" && ended.last?.lines.first?.quantityMilli == 15_000 && ended.last?.lines.first?.baseQuantity == 31)
            // The notice bills every month up to June, as before it was given.
            #expect(
                run.filter { $0.contractID == advance.id }.compactMap(\.periodFirst) == [
                    "2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01",
                ])
            #expect(try await store.runBilling(asOf: "2027-06-01", clientCode: nil, dryRun: false).invoices.count == 6)  // July to December, then nothing
            await #expect(throws: ValidationError.self) { try await store.updateContract(id: advance.id, ContractUpdate(endsOn: "", status: .ended)) }
        }
    }

    /// Defect 2: what left during an arrears period is billed for the days it was there, from the
    /// history, whenever the run happens.
    @Test(arguments: TestBackend.available)
    func leaversAreBilledForTheirDaysFromTheHistory(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            _ = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
            let contract = try await Self.contract(store, client: "ACME", reference: "C-1", startsOn: "2026-01-01", timing: .arrears)
            _ = try await store.addContractLine(contractID: contract.id, NewContractLine(kind: .perDevice, description: "Care", unitPriceCents: 3100))
            _ = try await store.addContractLine(contractID: contract.id, NewContractLine(kind: .perUser, description: "Users", unitPriceCents: 620))
            var fleet: [Asset] = []
            for index in 0..<3 { fleet.append(try await Self.computer(store, client: "ACME", "pc-\(index)", on: "2025-12-01")) }
            try await Self.retire(store, fleet[0], on: "2026-01-20")  // in service on the 1st: the whole month
            let temporary = try await Self.computer(store, client: "ACME", "loaner", on: "2026-01-10")
            try await Self.retire(store, temporary, on: "2026-01-25")  // 10–25 January: 16 days
            let ann = try await store.addEmployee(clientCode: "ACME", NewEmployee(name: "Ann"), now: Self.at("2025-11-01"))
            let bob = try await store.addEmployee(clientCode: "ACME", NewEmployee(name: "Bob"), now: Self.at("2026-01-22"))  // 22–31: 10 days
            _ = try await store.updateEmployee(id: ann.id, EmployeeUpdate(active: false), now: Self.at("2026-01-05"))  // active on the 1st: the month
            _ = bob

            // Run in March for January and February: the history, not today's devices and people.
            let run = try await store.runBilling(asOf: "2026-03-01", clientCode: nil, dryRun: false).invoices
            #expect(run.count == 2)
            // January: 3 × 31 € + 31 € × 16/31 = 109 €; users 6.20 € + 6.20 € × 10/31 = 8.20 €.
            #expect(run[0].lines.map(\.amountCents) == [10_900, 820])
            #expect(run[0].lines[0].quantityMilli == 109_000 && run[0].lines[0].baseQuantity == 31)
            // February: two computers and Bob: 62 € and 6.20 €.
            #expect(run[1].lines.map(\.amountCents) == [6200, 620])
        }
    }

    /// A catch-up over three months gives the same invoices as three runs on time.
    @Test(arguments: TestBackend.available)
    func aCatchUpRunBillsLikeTimelyRuns(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            var timely: [Invoice] = []
            for (client, onTime) in [("LATE", false), ("ONTIME", true)] {
                _ = try await store.createClient(NewClient(code: client, name: client))
                for timing in [BillingTiming.arrears, .advance] {
                    let contract = try await Self.contract(
                        store, client: client, reference: "C-\(client)-\(timing.rawValue)", startsOn: "2026-01-10", timing: timing,
                        kinds: timing == .arrears ? [.computer] : [.printer])
                    _ = try await store.addContractLine(contractID: contract.id, NewContractLine(kind: .perDevice, description: "Care", unitPriceCents: 2900))
                }
                let a = try await Self.computer(store, client: client, "a", on: "2025-12-01")
                var printer = NewAsset(client: client, kind: .printer, name: "p")
                printer.status = .inUse
                let p = try await store.createAsset(printer, by: "boss@p.example", now: Self.at("2026-01-20"))
                let steps: [(String, () async throws -> Void)] = [
                    (
                        "2026-02-01",
                        {
                            _ = try await Self.computer(store, client: client, "b", on: "2026-02-03")
                            try await Self.retire(store, p, on: "2026-02-15")
                        }
                    ),
                    ("2026-03-01", { try await Self.retire(store, a, on: "2026-03-12") }),
                    ("2026-04-01", { _ = try await Self.computer(store, client: client, "c", on: "2026-04-01") }),
                ]
                // Each month's changes happen during it, after that month's run.
                for (runDay, change) in steps {
                    if onTime { timely += try await store.runBilling(asOf: runDay, clientCode: client, dryRun: false).invoices }
                    try await change()
                }
                if onTime { timely += try await store.runBilling(asOf: "2026-04-01", clientCode: client, dryRun: false).invoices }
            }
            let late = try await store.runBilling(asOf: "2026-04-01", clientCode: "LATE", dryRun: false).invoices
            func summary(_ invoices: [Invoice]) -> [String] {
                invoices.map {
                    "\($0.periodFirst ?? "")/\($0.issueDate): "
                        + $0.lines.map { "\($0.quantityMilli)×\($0.unitPriceCents)/\($0.baseQuantity)=\($0.amountCents)" }.joined(separator: " ")
                }
                .sorted()
            }
            try Self.checkLineArithmetic(late + timely)
            #expect(!late.isEmpty && summary(late) == summary(timely), "catch-up \(summary(late)) vs on time \(summary(timely))")
        }
    }

    /// Defect 3: in advance, the next invoice trues up the period before: devices added during it
    /// (from their day) and support time beyond the hours included.
    @Test(arguments: TestBackend.available)
    func inAdvanceInvoicesTrueUpThePeriodBefore(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            _ = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
            let technician = try await store.createStaff(NewStaffUser(email: "sam@p.example", name: "Sam", role: .technician))
            let contract = try await Self.contract(store, client: "ACME", reference: "C-ADV", startsOn: "2026-01-01", timing: .advance)
            _ = try await store.addContractLine(contractID: contract.id, NewContractLine(kind: .perDevice, description: "Care", unitPriceCents: 3000))
            var support = NewContractLine(kind: .supportHours, description: "Support", unitPriceCents: 7500)
            support.includedHours = 8
            _ = try await store.addContractLine(contractID: contract.id, support)
            for index in 0..<10 { _ = try await Self.computer(store, client: "ACME", "pc-\(index)", on: "2025-12-01") }
            _ = try await Self.computer(store, client: "ACME", "pc-new", on: "2026-01-15")
            let ticket = try await store.createTicket(NewTicket(client: "ACME", title: "Migration"), by: .staff(technician), now: Self.at("2026-01-05"))
            #expect(ticket.contractReference == "C-ADV")
            var entry = NewTimeEntry(minutes: 570, billable: true)
            entry.workedOn = "2026-01-20"
            _ = try await store.logTime(ticketID: ticket.id, entry, technicianID: technician.id, by: .staff(technician))

            let run = try await store.runBilling(asOf: "2026-02-01", clientCode: nil, dryRun: false).invoices
            try Self.checkLineArithmetic(run)
            // January, on 1 January: 10 computers × 30 €, nothing to true up yet.
            #expect(run[0].lines.map(\.amountCents) == [30_000])
            // February: 11 × 30 €; January's true-up: one computer from the 15th, 17 days, 30 × 17/31 = 16.45;
            // 9 h 30 used of 8 h: 1 h 30 at 75 € = 112.50.
            #expect(run[1].lines.map(\.amountCents) == [33_000, 1645, 11_250])
            #expect(run[1].lines[1].description.contains("true-up") || run[1].lines[1].description.contains("régularisation"))
            #expect(run[1].lines[1].quantityMilli == 17_000 && run[1].lines[2].quantityMilli == 90_000 && run[1].lines[2].baseQuantity == 60)

            // Ended on 28 February: a computer added on the 10th (19 of 28 days: 30 × 19/28 = 20.357) and
            // 10 h of support in February (2 h over: 150 €) are trued up by a closing invoice on 1 March.
            _ = try await store.updateContract(id: contract.id, ContractUpdate(endsOn: "2026-02-28", status: .ended), now: Self.at("2026-02-05"))
            _ = try await Self.computer(store, client: "ACME", "pc-late", on: "2026-02-10")
            entry.minutes = 600
            entry.workedOn = "2026-02-12"
            _ = try await store.logTime(ticketID: ticket.id, entry, technicianID: technician.id, by: .staff(technician))
            let closing = try await store.runBilling(asOf: "2026-06-01", clientCode: nil, dryRun: false).invoices
            #expect(closing.map { $0.lines.map(\.amountCents) } == [[2036, 15_000]], "\(closing.map(\.lines))")
            #expect(closing.first?.issueDate == "2026-03-01" && closing.first?.periodFirst == "2026-02-01" && closing.first?.periodLast == "2026-02-28")
            try Self.checkLineArithmetic(closing)
            #expect(try await store.runBilling(asOf: "2026-12-01", clientCode: nil, dryRun: false).invoices.isEmpty)
        }
    }

    /// Defect 4: one client, two contracts: each device, user and minute billed by one contract.
    @Test(arguments: TestBackend.available)
    func overlappingContractsBillEachUnitOnce(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            _ = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
            let technician = try await store.createStaff(NewStaffUser(email: "sam@p.example", name: "Sam", role: .technician))
            let desktops = try await Self.computer(store, client: "ACME", "desk", on: "2025-12-01")
            let server = try await Self.computer(store, client: "ACME", "srv", on: "2025-12-01")
            _ = desktops
            let all = try await Self.contract(store, client: "ACME", reference: "C-ALL", startsOn: "2026-01-01", timing: .arrears)
            _ = try await store.addContractLine(contractID: all.id, NewContractLine(kind: .perDevice, description: "Care", unitPriceCents: 3000))
            var support = NewContractLine(kind: .supportHours, description: "Support", unitPriceCents: 6000)
            support.includedHours = 0
            _ = try await store.addContractLine(contractID: all.id, support)
            let servers = try await Self.contract(
                store, client: "ACME", reference: "C-SRV", startsOn: "2026-01-01", timing: .arrears, kinds: [], assets: [server.id])
            _ = try await store.addContractLine(contractID: servers.id, NewContractLine(kind: .perDevice, description: "Server care", unitPriceCents: 9000))
            _ = try await store.addContractLine(contractID: servers.id, support)
            // The registry shows the later contract covering the server; billing follows it.
            #expect(try await store.assetDetail(id: server.id).asset.coveredByContract == "C-SRV")
            var disk = NewTicket(client: "ACME", title: "Disk")
            disk.assetIDs = [server.id]
            let ticket = try await store.createTicket(disk, by: .staff(technician), now: Self.at("2026-01-05"))
            #expect(ticket.contractReference == "C-SRV")
            var entry = NewTimeEntry(minutes: 60, billable: true)
            entry.workedOn = "2026-01-06"
            _ = try await store.logTime(ticketID: ticket.id, entry, technicianID: technician.id, by: .staff(technician))

            let run = try await store.runBilling(asOf: "2026-02-01", clientCode: nil, dryRun: false).invoices
            let byContract = Dictionary(uniqueKeysWithValues: run.map { ($0.contractID ?? 0, $0.lines.map(\.amountCents)) })
            #expect(byContract[all.id] == [3000, 0])  // the desktop; no time
            #expect(byContract[servers.id] == [9000, 6000])  // the server; the hour of its ticket
            // Staff move the ticket to the other contract: February's hour goes there.
            _ = try await store.updateTicket(id: ticket.id, TicketUpdate(contract: "C-ALL"), by: .staff(technician))
            entry.workedOn = "2026-02-03"
            _ = try await store.logTime(ticketID: ticket.id, entry, technicianID: technician.id, by: .staff(technician))
            let february = try await store.runBilling(asOf: "2026-03-01", clientCode: nil, dryRun: false).invoices
            #expect(
                Dictionary(uniqueKeysWithValues: february.map { ($0.contractID ?? 0, $0.lines.map(\.amountCents)) }) == [
                    all.id: [3000, 6000], servers.id: [9000, 0],
                ])
            await #expect(throws: StoreError.self) { try await store.updateTicket(id: ticket.id, TicketUpdate(contract: "NOPE"), by: .staff(technician)) }
        }
    }

    /// Peppol's rule on every line: quantity × price ÷ base quantity = the line amount, to the cent.
    static func checkLineArithmetic(_ invoices: [Invoice], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for invoice in invoices {
            for line in invoice.lines {
                let exact = Int128(line.quantityMilli) * Int128(line.unitPriceCents)
                let denominator = Int128(line.baseQuantity) * 1000
                #expect(try Money.divide(exact, by: denominator) == line.amountCents, "\(line.description)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Documents in the client's language; a credit note keeps its reason and the credited invoice's
    /// date; notes crediting line by line add up to the invoice; a backdated payment keeps its value
    /// date and is recorded (ValidDate) today.
    @Test(arguments: TestBackend.available)
    func documentsCreditNotesAndTheJournal(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            var english = NewClient(code: "UK", name: "UK Ltd")
            english.documentLanguage = .en
            _ = try await store.createClient(english)
            let contract = try await Self.contract(store, client: "UK", reference: "C-UK", startsOn: "2026-01-15", timing: .arrears)
            // Three lines of 33.33 €: 99.99 € and 20.00 € of VAT on the invoice (19.998).
            for name in ["Care", "Backup", "Monitoring"] {
                _ = try await store.addContractLine(contractID: contract.id, NewContractLine(kind: .oneOff, description: name, unitPriceCents: 3333))
            }
            _ = try await store.addContractLine(contractID: contract.id, NewContractLine(kind: .flat, description: "Service desk", unitPriceCents: 31_000))
            let drafts = try await store.runBilling(asOf: "2026-02-01", clientCode: nil, dryRun: false).invoices
            try Self.checkLineArithmetic(drafts)
            let invoice = try await store.issueInvoice(id: drafts[0].id, now: Self.at("2026-02-02"))
            // 310 € × 17/31 = 170.00; the three one-offs 99.99; 269.99 at 20 %: 54.00 (53.998).
            #expect(invoice.lines.map(\.amountCents) == [17_000, 3333, 3333, 3333] && invoice.vatCents == 5400 && invoice.grossCents == 32_399)
            #expect(invoice.lines[0].description == "Service desk, 15/01/2026 to 31/01/2026 (17/31 days)")

            // Credited line by line: 6.67 + 6.67 + 6.67 of VAT would be 20.01; the notes give 20.00 with the flat line.
            var notes: [Invoice] = []
            for position in [2, 3, 4, 1] {
                notes.append(
                    try await store.creditInvoice(id: invoice.id, NewCreditNote(positions: [position], reason: "Duplicate billing"), now: Self.at("2026-02-10"))
                )
            }
            #expect(notes.map(\.vatCents) == [667, 666, 667, 3400])  // VAT of 33.33, 66.66, 99.99, 269.99: 6.67, 13.33, 20.00, 54.00
            #expect(notes.map(\.grossCents).reduce(0, +) == invoice.grossCents)
            let cancelled = try await store.invoice(id: invoice.id, now: Self.at("2026-02-10"))
            #expect(cancelled.status == .cancelled && cancelled.creditedCents == invoice.grossCents)
            #expect(notes[0].creditReason == "Duplicate billing")
            let (note, parties) = try await store.invoiceDocument(id: notes[0].id, now: Self.at("2026-02-10"))
            let page = InvoiceHTML.page(note, parties)
            for text in [
                "Credit note \(note.number ?? "")", "Credit note for invoice \(invoice.number ?? "") of 2 February 2026", "Reason: Duplicate billing",
                "Total VAT",
            ] {
                #expect(page.contains(text), "the English credit note lacks '\(text)'")
            }
            #expect(!page.contains("Facture") && !page.contains("TVA"))

            // A payment recorded on 20 February for 5 February: entry dated the 5th, validated the 20th.
            let second = try await store.runBilling(asOf: "2026-03-01", clientCode: nil, dryRun: false).invoices
            let february = try await store.issueInvoice(id: second[0].id, now: Self.at("2026-03-01"))
            _ = try await store.recordPayment(
                invoiceID: february.id, NewPayment(amountCents: 1000, method: .transfer, paidOn: "2026-03-01"), now: Self.at("2026-03-03"))
            let entries = try await store.journalEntries(from: "2026-01-01", to: "2026-12-31")
            let payment = try #require(entries.first { $0.journal == "BQ" })
            #expect(payment.date == "2026-03-01" && payment.validatedOn == "2026-03-03")
            #expect(entries.first { $0.pieceRef == invoice.number }?.validatedOn == "2026-02-02")
        }
    }
}

/// Upgrading a database billed before the histories existed.
@Suite struct BillingHistoryMigrationTests {
    @Test(arguments: TestBackend.available)
    func anUpgradeStartsEachHistoryFromTodaysState(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend, through: 11) { database in
            try await database.withConnection { db in
                let stamp = "2025-12-01T09:00:00Z"
                try await db.raw(
                    "INSERT INTO clients (code, name, currency, default_vat_basis_points, active, created_at, updated_at) VALUES ('OLD', 'Old SA', 'EUR', 2000, TRUE, '\(unsafeRaw: stamp)', '\(unsafeRaw: stamp)')"
                ).run()
                for (name, status) in [("pc-1", "in-use"), ("pc-2", "retired")] {
                    try await db.raw(
                        "INSERT INTO assets (client_id, kind, name, status, source, created_at, updated_at) VALUES (1, 'computer', \(bind: name), \(bind: status), 'manual', '\(unsafeRaw: stamp)', '\(unsafeRaw: stamp)')"
                    ).run()
                }
                try await db.raw(
                    "INSERT INTO employees (client_id, name, active, created_at, updated_at) VALUES (1, 'Ann', TRUE, '\(unsafeRaw: stamp)', '\(unsafeRaw: stamp)')"
                ).run()
                try await db.raw(
                    """
                    INSERT INTO contracts (client_id, reference, title, starts_on, status, created_at, updated_at)
                    VALUES (1, 'C-OLD', 'Old', '2025-01-01', 'ended', '\(unsafeRaw: stamp)', '2026-02-10T08:00:00Z')
                    """
                ).run()
            }
            try await Migrator(database, logger: TestLogger.make()).migrate()
            try await database.withConnection { db in
                let states = try await db.raw("SELECT asset_id, in_service FROM asset_states ORDER BY asset_id").all().map {
                    "\(try $0.decode(column: "asset_id", as: Int64.self)):\(try $0.decode(column: "in_service", as: Bool.self))"
                }
                #expect(states == ["1:true", "2:false"])
                #expect(try await db.raw("SELECT COUNT(*) AS n FROM employee_states").first()?.decode(column: "n", as: Int64.self) == 1)
                // An ended contract without a last day gets the day it was ended: it bills up to it, not for ever.
                #expect(try await db.raw("SELECT ends_on FROM contracts").first()?.decode(column: "ends_on", as: String?.self) == "2026-02-10")
            }
        }
    }
}

/// The gauges `/metrics` exposes, counted from the database.
@Suite struct OperationalGaugeTests {
    @Test(arguments: TestBackend.available)
    func openTicketsAndOverdueInvoicesAreCounted(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            _ = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
            let technician = try await store.createStaff(NewStaffUser(email: "sam@p.example", name: "Sam", role: .technician))
            for title in ["Printer", "Mail"] {
                _ = try await store.createTicket(NewTicket(client: "ACME", title: title), by: .staff(technician), now: BillingCorrectnessTests.at("2026-02-02"))
            }
            let contract = try await BillingCorrectnessTests.contract(store, client: "ACME", reference: "C-1", startsOn: "2026-01-01", timing: .advance)
            _ = try await store.addContractLine(contractID: contract.id, NewContractLine(kind: .flat, description: "Care", unitPriceCents: 10_000))
            let draft = try #require(try await store.runBilling(asOf: "2026-01-01", clientCode: nil, dryRun: false).invoices.first)
            _ = try await store.issueInvoice(id: draft.id, now: BillingCorrectnessTests.at("2026-01-01"))  // due 31 January
            var gauges = try await store.operationalGauges(now: BillingCorrectnessTests.at("2026-02-03"))
            #expect(gauges.ticketsOpen == 2 && gauges.invoicesOverdue == 1 && gauges.agentsReporting == 0 && gauges.agentsStale == 0)
            gauges = try await store.operationalGauges(now: BillingCorrectnessTests.at("2026-01-15"))
            #expect(gauges.invoicesOverdue == 0)
        }
    }
}
