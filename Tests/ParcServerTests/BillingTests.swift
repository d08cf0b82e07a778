import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ParcDomain
import ParcProtocol
import ParcServer
import ParcTestSupport
import Testing

/// Billing runs and issuing on both databases, on a worked example computed by hand.
@Suite struct BillingStoreTests {
    static func at(_ day: String) -> Date { try! Date(day + "T10:00:00Z", strategy: .iso8601) }

    /// DEMO: ten computers since December, an eleventh from 15 February; a monthly contract from
    /// 15 January, in advance on the 1st: 500 € flat, 30 € per computer, 8 h of support included then
    /// 75 €/h, and a 150 € setup fee once. 9 h 30 of billable time in February.
    static func demo(_ database: Database) async throws -> (store: Store, contract: Contract) {
        let store = Store(database)
        _ = try await store.createClient(NewClient(code: "DEMO", name: "Demo SA"))
        let technician = try await store.createStaff(NewStaffUser(email: "sam@p.example", name: "Sam", role: .technician))
        for index in 0..<10 {
            var pc = NewAsset(client: "DEMO", kind: .computer, name: "pc-\(index)")
            pc.status = .inUse
            _ = try await store.createAsset(pc, by: "boss@p.example", now: at("2025-12-01"))
        }
        var late = NewAsset(client: "DEMO", kind: .computer, name: "pc-new")
        late.status = .inUse
        _ = try await store.createAsset(late, by: "boss@p.example", now: at("2026-02-15"))
        var printer = NewAsset(client: "DEMO", kind: .printer, name: "printer")  // not covered: computers only
        printer.status = .inUse
        _ = try await store.createAsset(printer, by: "boss@p.example", now: at("2025-12-01"))

        var new = NewContract(client: "DEMO", reference: "C-DEMO", title: "Managed services", startsOn: "2026-01-15", status: .active)
        new.billing = BillingTerms(frequency: .monthly, timing: .advance, billingDay: 1, paymentTermsDays: 30)
        var contract = try await store.createContract(try ContractRules.validated(new))
        contract = try await store.addContractLine(
            contractID: contract.id, NewContractLine(kind: .flat, description: "Managed services", unitPriceCents: 50_000))
        contract = try await store.addContractLine(
            contractID: contract.id, NewContractLine(kind: .perDevice, description: "Workstation care", unitPriceCents: 3000))
        var support = NewContractLine(kind: .supportHours, description: "Support", unitPriceCents: 7500)
        support.includedHours = 8
        contract = try await store.addContractLine(contractID: contract.id, support)
        contract = try await store.addContractLine(contractID: contract.id, NewContractLine(kind: .oneOff, description: "Setup", unitPriceCents: 15_000))
        let ticket = try await store.createTicket(NewTicket(client: "DEMO", title: "Server migration"), by: .staff(technician), now: at("2026-02-02"))
        for (day, minutes, billable) in [("2026-02-03", 300, true), ("2026-02-10", 270, true), ("2026-02-11", 120, false), ("2026-01-05", 60, true)] {
            var entry = NewTimeEntry(minutes: minutes, billable: billable)
            entry.workedOn = day
            _ = try await store.logTime(ticketID: ticket.id, entry, technicianID: technician.id, by: .staff(technician))
        }
        return (store, contract)
    }

    @Test(arguments: TestBackend.available)
    func threeMonthsInOneRunThenNeverTwice(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let (store, _) = try await Self.demo(database)
            let preview = try await store.runBilling(asOf: "2026-03-31", clientCode: nil, dryRun: true)
            #expect(preview.invoices.count == 3 && preview.dryRun)
            #expect(try await store.listInvoices(clientCode: "DEMO", status: nil, ListQuery()).total == 0)  // the dry run wrote nothing

            let run = try await store.runBilling(asOf: "2026-03-31", clientCode: "DEMO", dryRun: false)
            #expect(run.invoices.map(\.periodFirst) == ["2026-01-15", "2026-02-01", "2026-03-01"])
            #expect(run.invoices.map(\.netCents) == preview.invoices.map(\.netCents))
            let (january, february, march) = (run.invoices[0], run.invoices[1], run.invoices[2])
            // January, 17 of 31 days: 500 × 17/31 = 274.19; 30 × 10 × 17/31 = 164.52; the setup fee, 150, once.
            // In advance, support time is trued up on the next invoice.
            #expect(january.lines.map(\.amountCents) == [27_419, 16_452, 15_000])
            #expect(january.netCents == 58_871 && january.vatCents == 11_774 && january.grossCents == 70_645)  // VAT 117.742 → 117.74
            #expect(january.issueDate == "2026-01-15" && january.dueDate == "2026-02-14" && january.status == .draft)
            // February: 500; 10 computers × 30 = 300; January's support: none in the period (the hour of
            // 5 January falls before the contract).
            #expect(february.lines.map(\.amountCents) == [50_000, 30_000, 0])
            #expect(february.netCents == 80_000 && february.vatCents == 16_000 && february.grossCents == 96_000)
            #expect(february.lines[1].quantityMilli == 10_000 && february.lines[2].quantityMilli == 0)
            // March: 500 + 30 × 11 = 830; February's true-up: the computer of the 15th, 30 × 14/28 = 15;
            // 9 h 30 billable, 1 h 30 over at 75 = 112.50.
            #expect(march.lines.map(\.amountCents) == [50_000, 33_000, 1500, 11_250])
            #expect(march.lines[2].quantityMilli == 14_000 && march.lines[2].baseQuantity == 28 && march.lines[3].quantityMilli == 90_000)
            #expect(march.netCents == 95_750 && march.vatCents == 19_150 && march.grossCents == 114_900)
            #expect(march.issueDate == "2026-03-01")

            // Again, and as of a later day with a dry run first: only April is new.
            #expect(try await store.runBilling(asOf: "2026-03-31", clientCode: nil, dryRun: false).invoices.isEmpty)
            #expect(try await store.runBilling(asOf: "2026-04-30", clientCode: nil, dryRun: true).invoices.map(\.periodFirst) == ["2026-04-01"])
            #expect(try await store.listInvoices(clientCode: nil, status: nil, ListQuery()).total == 3)

            // Two servers running the same billing at once: each period once.
            let concurrent = try await TicketStoreTests.withSecondInstance(database) { second in
                async let a = store.runBilling(asOf: "2026-06-30", clientCode: nil, dryRun: false)
                async let b = second.runBilling(asOf: "2026-06-30", clientCode: nil, dryRun: false)
                return try await a.invoices + b.invoices
            }
            #expect(concurrent.compactMap(\.periodFirst).sorted() == ["2026-04-01", "2026-05-01", "2026-06-01"])
            let all = try await store.listInvoices(clientCode: nil, status: .draft, ListQuery(limit: 100)).items
            #expect(all.count == 6 && Set(all.compactMap(\.periodFirst)).count == 6)

            // Drafts can be edited: a line added (1.5 × 9.90 € = 14.85 €), one removed; or deleted, and billed again.
            var april = try #require(all.first { $0.periodFirst == "2026-04-01" })
            var cable = NewInvoiceLine(description: "Cable", unitPriceCents: 990, quantityMilli: 1500)
            april = try await store.addInvoiceLine(id: april.id, cable)
            #expect(april.lines.last?.amountCents == 1485 && april.netCents == 83_000 + 1485)
            cable.unitPriceCents = -1
            await #expect(throws: ValidationError.self) { try await store.addInvoiceLine(id: april.id, cable) }
            april = try await store.removeInvoiceLine(id: april.id, position: 1)
            #expect(april.lines.map(\.position) == [1, 2, 3] && april.netCents == 33_000 + 1485)
            try await store.deleteDraft(id: april.id)
            let again = try await store.runBilling(asOf: "2026-06-30", clientCode: nil, dryRun: false).invoices
            #expect(again.map(\.periodFirst) == ["2026-04-01"] && again.first?.netCents == 83_000)

            // Recurring revenue: 500 € flat + 11 computers × 30 € a month; support overage and setup do not recur.
            let revenue = try await store.revenue(clientCode: nil)
            #expect(revenue.clients.map(\.clientCode) == ["DEMO"] && revenue.mrrCents == 83_000 && revenue.arrCents == 996_000)
        }
    }

    @Test(arguments: TestBackend.available)
    func tacitRenewalKeepsBillingUntilTheContractIsEnded(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            _ = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
            var new = NewContract(client: "ACME", reference: "C-Q", title: "Care", startsOn: "2026-01-01", endsOn: "2026-03-31", status: .active)
            new.billing = BillingTerms(frequency: .quarterly, timing: .advance, billingDay: 1, renewalMonths: 3, noticeDays: 30)
            let renewed = try await store.createContract(try ContractRules.validated(new))
            _ = try await store.addContractLine(contractID: renewed.id, NewContractLine(kind: .flat, description: "Care", unitPriceCents: 90_000))
            new.reference = "C-FIXED"
            new.billing?.renewalMonths = nil
            let fixed = try await store.createContract(try ContractRules.validated(new))
            _ = try await store.addContractLine(contractID: fixed.id, NewContractLine(kind: .flat, description: "Care", unitPriceCents: 90_000))
            let run = try await store.runBilling(asOf: "2026-07-01", clientCode: nil, dryRun: false).invoices
            #expect(run.filter { $0.contractID == renewed.id }.compactMap(\.periodFirst) == ["2026-01-01", "2026-04-01", "2026-07-01"])
            #expect(run.filter { $0.contractID == fixed.id }.compactMap(\.periodFirst) == ["2026-01-01"])
            // Notice given: ended on its current term's last day, nothing after it.
            _ = try await store.updateContract(id: renewed.id, ContractUpdate(endsOn: "2026-09-30", status: .ended))
            #expect(try await store.runBilling(asOf: "2026-12-31", clientCode: nil, dryRun: false).invoices.isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func issuingNumbersWithoutGapsEvenConcurrently(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let (store, _) = try await Self.demo(database)
            let drafts = try await store.runBilling(asOf: "2026-08-31", clientCode: nil, dryRun: false).invoices
            #expect(drafts.count == 8)
            let numbers = try await TicketStoreTests.withSecondInstance(database) { second in
                try await withThrowingTaskGroup(of: String.self) { group in
                    for (index, draft) in drafts.enumerated() {
                        let store = index.isMultiple(of: 2) ? store : second
                        group.addTask { try await store.issueInvoice(id: draft.id).number ?? "" }
                    }
                    return try await group.reduce(into: [String]()) { $0.append($1) }
                }
            }
            let year = String(Date().formatted(.iso8601).prefix(4))
            #expect(numbers.sorted() == (1...8).map { "F\(year)-00000\($0)" })
            await #expect(throws: StoreError.self) { try await store.issueInvoice(id: drafts[0].id) }
            await #expect(throws: StoreError.self) {
                try await store.addInvoiceLine(id: drafts[0].id, NewInvoiceLine(description: "Cable", unitPriceCents: 990))
            }
            await #expect(throws: StoreError.self) { try await store.deleteDraft(id: drafts[0].id) }
            let issued = try await store.invoice(id: drafts[0].id)
            #expect(issued.issueDate == String(Date().formatted(.iso8601).prefix(10)) && issued.issuedAt != nil)
            #expect(issued.lines == drafts[0].lines && issued.grossCents == drafts[0].grossCents)  // frozen as drafted
        }
    }
}

/// Credit notes, payments and the journal they write; the FEC checked by the checker from `../shared`.
@Suite struct AccountingStoreTests {
    @Test(
        .enabled(if: SharedMaterial.hasFECChecker, "../shared/tools/check-fec is absent beside this clone: the FEC is not checked by the independent checker"))
    func theFECExportPassesTheIndependentChecker() async throws {
        try await withMigratedDatabase(.sqlite) { database in
            let (store, _) = try await BillingStoreTests.demo(database)
            var issued: [Invoice] = []
            for draft in try await store.runBilling(asOf: "2026-03-31", clientCode: nil, dryRun: false).invoices {
                issued.append(try await store.issueInvoice(id: draft.id))
            }
            _ = try await store.recordPayment(invoiceID: issued[0].id, NewPayment(amountCents: issued[0].grossCents, method: .transfer, reference: "VIR-1"))
            _ = try await store.recordPayment(invoiceID: issued[1].id, NewPayment(amountCents: 50_000, method: .cheque))
            _ = try await store.creditInvoice(id: issued[2].id, NewCreditNote(positions: [3]))
            let year = String(Date().formatted(.iso8601).prefix(4))
            let fec = Ledger.fec(try await store.journalEntries(from: "\(year)-01-01", to: "\(year)-12-31"))
            let directory = try TemporaryDirectory.make()
            defer { TemporaryDirectory.remove(directory) }
            let file = directory + "/732829320FEC\(year)1231.txt"
            try fec.write(toFile: file, atomically: true, encoding: .utf8)
            let check = try await runProgram(SharedMaterial.checkFEC, [file], timeout: 120)
            #expect(check.status == 0, "check-fec: \(check.output)")
        }
    }

    @Test(arguments: TestBackend.available)
    func paymentsCreditNotesAndABalancedJournal(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let (store, _) = try await BillingStoreTests.demo(database)
            let drafts = try await store.runBilling(asOf: "2026-03-31", clientCode: nil, dryRun: false).invoices
            // No payment on a draft.
            await #expect(throws: StoreError.self) { try await store.recordPayment(invoiceID: drafts[0].id, NewPayment(amountCents: 100, method: .transfer)) }
            var issued: [Invoice] = []
            for draft in drafts { issued.append(try await store.issueInvoice(id: draft.id)) }

            // Paid in full; paid in part; never more than is due, never negative, never in the future.
            _ = try await store.recordPayment(invoiceID: issued[0].id, NewPayment(amountCents: issued[0].grossCents, method: .transfer, reference: "VIR-1"))
            #expect(try await store.invoice(id: issued[0].id).status == .paid)
            _ = try await store.recordPayment(invoiceID: issued[1].id, NewPayment(amountCents: 50_000, method: .cheque))
            let partly = try await store.invoice(id: issued[1].id)
            #expect(partly.status == .partiallyPaid && partly.paidCents == 50_000)
            await #expect(throws: StoreError.self) {
                try await store.recordPayment(invoiceID: issued[1].id, NewPayment(amountCents: partly.grossCents, method: .transfer))
            }
            await #expect(throws: ValidationError.self) {
                try await store.recordPayment(invoiceID: issued[1].id, NewPayment(amountCents: -5, method: .transfer))
            }
            await #expect(throws: ValidationError.self) {
                try await store.recordPayment(invoiceID: issued[1].id, NewPayment(amountCents: 5, method: .transfer, paidOn: "2099-01-01"))
            }
            #expect(try await store.listInvoices(clientCode: nil, status: .partiallyPaid, ListQuery()).items.map(\.id) == [issued[1].id])
            #expect(try await store.listInvoices(clientCode: nil, status: .paid, ListQuery()).items.map(\.id) == [issued[0].id])

            // March credited in two notes: the support line, then the rest; the invoice is then cancelled.
            let first = try await store.creditInvoice(id: issued[2].id, NewCreditNote(positions: [3]))
            #expect(first.kind == .creditNote && first.number?.hasPrefix("AV") == true && first.creditedInvoiceID == issued[2].id)
            #expect(try await store.invoice(id: issued[2].id).status == .issued)
            await #expect(throws: StoreError.self) { try await store.creditInvoice(id: issued[2].id, NewCreditNote(positions: [3])) }
            let rest = try await store.creditInvoice(id: issued[2].id, NewCreditNote())
            #expect(first.grossCents + rest.grossCents == issued[2].grossCents)
            #expect(try await store.invoice(id: issued[2].id).status == .cancelled)
            let year = String(Date().formatted(.iso8601).prefix(4))
            #expect([first.number, rest.number] == ["AV\(year)-000001", "AV\(year)-000002"])

            // Every entry balances; the sales entry of an invoice is its total against revenue and VAT.
            let entries = try await store.journalEntries(from: "\(year)-01-01", to: "\(year)-12-31")
            #expect(entries.count == 3 + 2 + 2)
            for entry in entries { #expect(entry.lines.map(\.debitCents).reduce(0, +) == entry.lines.map(\.creditCents).reduce(0, +), "\(entry)") }
            let february = try #require(entries.first { $0.pieceRef == issued[1].number })
            #expect(february.lines.first { $0.account == "411000" }?.debitCents == 96_000 && february.lines.first?.auxiliary == "DEMO")
            #expect(february.lines.first { $0.account == "445711" }?.creditCents == 16_000)
            #expect(february.lines.first { $0.account == "706200" }?.creditCents == 30_000)

            // The FEC export (checked by the independent checker in the test above).
            let fec = Ledger.fec(entries)
            #expect(fec.hasPrefix("JournalCode\tJournalLib\tEcritureNum"))
        }
    }
}

/// An invoice's documents over HTTP: UBL checked by the EN 16931 validator from `../shared`, HTML
/// with the French legal mentions, a PDF printed by WeasyPrint, CSV lists.
@Suite struct InvoiceDocumentTests {
    static var seller: ProviderIdentity {
        var seller = ProviderIdentity(name: "Parc Services SAS")
        (seller.siren, seller.vatNumber, seller.legalForm, seller.registration) = (
            "732829320", "FR44732829320", "SAS au capital de 10 000 €", "RCS Paris 732 829 320"
        )
        seller.address = PostalAddress(line1: "10 rue de la Paix", postalCode: "75002", city: "Paris")
        seller.iban = "FR7630006000011234567890189"
        return seller
    }

    static var buyerDetails: ClientUpdate {
        var update = ClientUpdate()
        update.billingAddress = PostalAddress(line1: "5 avenue Foch", postalCode: "69006", city: "Lyon")
        (update.siren, update.vatNumber) = ("552032534", "FR27552032534")
        return update
    }

    @Test(
        .enabled(
            if: SharedMaterial.hasUBLValidator, "../shared/tools/validate-ubl is absent beside this clone: the UBL is not checked by the EN 16931 validator"))
    func ublOfAnInvoiceAndItsCreditNotePassesTheEN16931Validator() async throws {
        try await TestServer.with(.sqlite) { server in
            let (store, _) = try await BillingStoreTests.demo(server.store.database)
            _ = try await store.updateProviderIdentity(try DirectoryRules.validated(Self.seller))
            _ = try await store.updateClient(code: "DEMO", Self.buyerDetails)
            let drafts = try await store.runBilling(asOf: "2026-02-28", clientCode: nil, dryRun: false).invoices
            let invoice = try await store.issueInvoice(id: drafts[0].id)
            let note = try await store.creditInvoice(id: invoice.id, NewCreditNote(positions: [2]))
            let directory = try TemporaryDirectory.make()
            defer { TemporaryDirectory.remove(directory) }
            let files = try await server.application.test(.router) { client in
                var files: [String] = []
                for (id, name) in [(invoice.id, "invoice"), (note.id, "credit-note")] {
                    let ubl = try await client.call(.get, "/api/v1/invoices/\(id)/document?format=ubl", token: server.managerToken)
                    #expect(ubl.status == .ok)
                    files.append(directory + "/\(name).xml")
                    try ubl.text.write(toFile: files.last!, atomically: true, encoding: .utf8)
                }
                return files
            }
            let validation = try await runProgram(SharedMaterial.validateUBL, files, timeout: 300)
            #expect(validation.status == 0, "validate-ubl: \(validation.output)")
        }
    }

    @Test func ublHtmlPdfAndCsv() async throws {
        try await TestServer.with(.sqlite) { server in
            let (store, _) = try await BillingStoreTests.demo(server.store.database)
            _ = try await store.updateProviderIdentity(try DirectoryRules.validated(Self.seller))
            let drafts = try await store.runBilling(asOf: "2026-02-28", clientCode: nil, dryRun: false).invoices
            let draft = try await server.application.test(.router) { client in
                try await client.call(.get, "/api/v1/invoices/\(drafts[0].id)/document?format=ubl", token: server.managerToken)
            }
            #expect(draft.status == .unprocessableContent)  // a draft has no number
            let invoice = try await store.issueInvoice(id: drafts[0].id)
            try await server.application.test(.router) { client in
                let boss = server.managerToken
                let missing = try await client.call(.get, "/api/v1/invoices/\(invoice.id)/document?format=ubl", token: boss)
                #expect(missing.status == .unprocessableContent && missing.error?.field == "client.billingAddress", "\(missing.text)")
                _ = try await store.updateClient(code: "DEMO", Self.buyerDetails)
            }
            let note = try await store.creditInvoice(id: invoice.id, NewCreditNote(positions: [2]))

            try await server.application.test(.router) { client in
                let boss = server.managerToken
                let directory = try TemporaryDirectory.make()
                defer { TemporaryDirectory.remove(directory) }
                var files: [String] = []
                for (id, name) in [(invoice.id, "invoice"), (note.id, "credit-note")] {
                    let ubl = try await client.call(.get, "/api/v1/invoices/\(id)/document?format=ubl", token: boss)
                    #expect(ubl.status == .ok && ubl.text.contains("urn:cen.eu:en16931:2017"))
                    files.append(directory + "/\(name).xml")
                    try ubl.text.write(toFile: files.last!, atomically: true, encoding: .utf8)
                }
                #expect(
                    try String(contentsOfFile: files[1], encoding: .utf8).contains(
                        "<cbc:ID>\(invoice.number ?? "")</cbc:ID><cbc:IssueDate>\(invoice.issueDate)</cbc:IssueDate></cac:InvoiceDocumentReference>"))

                let html = try await client.call(.get, "/api/v1/invoices/\(invoice.id)/document?format=html", token: boss).text
                for mention in [
                    "Facture \(invoice.number ?? "")", "SIREN 732829320", "TVA FR44732829320", "SIREN 552032534",
                    "Échéance : \(BillingText(.fr).date(invoice.dueDate))", "indemnité forfaitaire pour frais de recouvrement de 40,00\u{A0}€",
                    "TVA 20\u{A0}% sur 588,71\u{A0}€", "<th>Total TVA</th><td class=n>117,74\u{A0}€", "Total TTC", "706,45\u{A0}€",
                    "17 jours</td><td class=n>500,00\u{A0}€ / 31 jours",
                ] {
                    #expect(html.contains(mention), "HTML lacks '\(mention)'")
                }
                let pdf = try await client.call(.get, "/api/v1/invoices/\(invoice.id)/document?format=pdf", token: boss)
                if FileManager.default.isExecutableFile(atPath: "/usr/bin/weasyprint") {
                    #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
                    let bytes = Array(pdf.body.readableBytesView)
                    #expect(bytes.starts(with: Array("%PDF-".utf8)) && String(decoding: bytes.suffix(8), as: UTF8.self).contains("%%EOF"))
                } else {
                    #expect(pdf.status == .serviceUnavailable)
                    Issue.record("weasyprint is not installed: the PDF was not printed (make test installs it)")
                }
                let csv = try await client.call(.get, "/api/v1/invoices/export", token: boss).text
                #expect(csv.hasPrefix("number,kind,client,status") && csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + drafts.count + 1)
                #expect(try await client.call(.get, "/api/v1/invoices/\(invoice.id)/document?format=docx", token: boss).status == .badRequest)
            }
        }
    }
}
