import Foundation
import ParcClient
import ParcProtocol
import ParcTestSupport
import Testing

/// Billing staff set up a contract and invoice three months with `parcctl` against a running server.
@Suite(.serialized) struct InvoicingTests {
    @Test(arguments: TestBackend.available)
    func threeMonthsInvoicedAndIssuedWithConsecutiveNumbers(_ backend: TestBackend) async throws {
        try await AgentReportingTests.withSetup(backend) { setup in
            let staff = setup.staff
            let bill = try await staff.createStaff(NewStaffUser(email: "bill@p.example", name: "Bill", role: .billing))
            let billToken = try await staff.createToken(NewAPIToken(label: "office", staffID: bill.id)).secret
            let tech = try await staff.createStaff(NewStaffUser(email: "sam@p.example", name: "Sam", role: .technician))
            let techToken = try await staff.createToken(NewAPIToken(label: "laptop", staffID: tech.id)).secret
            for index in 0..<3 {
                var pc = NewAsset(client: "ACME", kind: .computer, name: "pc-\(index)")
                pc.status = .inUse
                _ = try await staff.createAsset(pc)
            }
            let ctl = ["--server", setup.server.url, "--token", billToken, "--ca", setup.fingerprint]
            func ctlOK(_ arguments: [String]) async throws -> String {
                let result = try await run("parcctl", arguments + ctl)
                #expect(result.status == 0, "parcctl \(arguments.joined(separator: " ")): \(result.stderr)")
                return result.stdout
            }
            // The machines were registered today, so they count from today: start the contract today
            // and bill three months ahead in advance.
            let today = String(Date().formatted(.iso8601).prefix(10))
            let created = try CanonicalJSON.decode(
                Contract.self,
                from: Data(
                    try await ctlOK([
                        "contract", "create", "--client", "ACME", "--reference", "C-ACME", "--title", "Managed services", "--starts-on", today, "--status",
                        "active",
                        "--frequency", "monthly", "--timing", "advance", "--billing-day", "1", "--json",
                    ]).utf8))
            let id = String(created.id)
            _ = try await ctlOK(["contract", "add-line", id, "--kind", "flat", "--description", "Managed services", "--price", "500"])
            _ = try await ctlOK(["contract", "add-line", id, "--kind", "per-device", "--description", "Workstation care", "--price", "30"])
            _ = try await ctlOK(["contract", "add-line", id, "--kind", "support-hours", "--description", "Support", "--price", "75", "--included-hours", "8"])
            let negative = try await run("parcctl", ["contract", "add-line", id, "--kind", "flat", "--description", "x", "--price", "-5"] + ctl)
            #expect(negative.status != 0)
            let badRate = try await run("parcctl", ["contract", "add-line", id, "--kind", "flat", "--description", "x", "--price", "5", "--vat", "19"] + ctl)
            #expect(badRate.status != 0 && badRate.stderr.contains("unknown VAT rate"), "\(badRate.stderr)")
            #expect(try await ctlOK(["contract", "show", id]).contains("Workstation care"))
            let techView = try await run(
                "parcctl", ["contract", "show", id, "--json", "--server", setup.server.url, "--token", techToken, "--ca", setup.fingerprint])
            #expect(try CanonicalJSON.decode(Contract.self, from: Data(techView.stdout.utf8)).lines.allSatisfy { $0.unitPriceCents == nil })

            // The first of the month after next: this month (partial), next month and the one after.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let thisMonth = try #require(calendar.date(from: calendar.dateComponents([.year, .month], from: Date())))
            let asOf = String(try #require(calendar.date(byAdding: .month, value: 2, to: thisMonth)).formatted(.iso8601).prefix(10))
            let preview = try await ctlOK(["billing", "run", "--as-of", asOf, "--dry-run"])
            #expect(preview.contains("3 draft invoice(s) would be created"), "\(preview)")
            let billed = try CanonicalJSON.decode(BillingRun.self, from: Data(try await ctlOK(["billing", "run", "--as-of", asOf, "--json"]).utf8))
            #expect(billed.invoices.count == 3)
            // The second and third months are whole: 500 + 3 × 30 = 590 €, VAT 118 €.
            #expect(billed.invoices.dropFirst().allSatisfy { $0.netCents == 59_000 && $0.vatCents == 11_800 && $0.grossCents == 70_800 })
            #expect(try await ctlOK(["billing", "run", "--as-of", asOf]).contains("nothing to invoice"))
            // Ending with a future day is a notice: billing goes on until then.
            let notice = try await ctlOK(["contract", "end", id, "--on", "2099-12-31"])
            #expect(notice.contains("C-ACME ends on 2099-12-31: billed up to that day, not renewed"), "\(notice)")
            #expect(try await ctlOK(["billing", "run", "--as-of", asOf]).contains("nothing to invoice"))
            // Every line prints its arithmetic: QTY × PRICE ÷ PER = AMOUNT.
            let firstMonth = try await ctlOK(["invoice", "show", String(billed.invoices[0].id)])
            #expect(firstMonth.contains("PER") && (firstMonth.contains(" d ") || firstMonth.contains("  1  ")), "\(firstMonth)")

            var numbers: [String] = []
            for invoice in billed.invoices {
                let issued = try await ctlOK(["invoice", "issue", String(invoice.id)])
                numbers.append(String(issued.split(separator: " ")[1]))
            }
            let year = String(today.prefix(4))
            let first = try #require(Int(numbers[0].suffix(6)))
            #expect(numbers == (first..<first + 3).map { "F\(year)-" + String(format: "%06d", $0) }, "\(numbers)")
            let again = try await run("parcctl", ["invoice", "issue", String(billed.invoices[0].id)] + ctl)
            #expect(again.status != 0 && again.stderr.contains("already issued"))
            // People type the number they read on the paper, in any case.
            let shown = try await ctlOK(["invoice", "show", numbers[1].lowercased()])
            let unknown = try await run("parcctl", ["invoice", "show", "F1999-000001"] + ctl)
            #expect(unknown.status != 0 && unknown.stderr.contains("no invoice is numbered F1999-000001"), "\(unknown.stderr)")
            #expect(shown.contains(numbers[1]) && shown.contains("Net 590.00 · VAT 118.00 · Total 708.00 EUR"), "\(shown)")
            let techList = try await run("parcctl", ["invoice", "list", "--server", setup.server.url, "--token", techToken, "--ca", setup.fingerprint])
            #expect(techList.status != 0 && techList.stderr.contains("technician"))

            // A payment, then the documents, each opened by a tool Parc did not write.
            #expect(
                try await ctlOK(["payment", "record", numbers[1], "--amount", "708.00", "--reference", "VIR-42"]).contains(
                    ": paid, 0.00 still due"))
            let bossCtl = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            let provider = try await run(
                "parcctl",
                [
                    "provider", "set", "--name", "Parc Services SAS", "--siren", "732829320", "--vat-number", "FR44732829320",
                    "--address-line1", "10 rue de la Paix", "--postal-code", "75002", "--city", "Paris",
                ] + bossCtl)
            #expect(provider.status == 0, "\(provider.stderr)")
            let address = try await run(
                "parcctl",
                [
                    "client", "update", "ACME", "--siren", "552032534", "--vat-number", "FR27552032534", "--address-line1", "5 avenue Foch",
                    "--postal-code", "69006", "--city", "Lyon",
                ] + bossCtl)
            #expect(address.status == 0, "\(address.stderr)")
            let pdf = setup.root + "/invoice.pdf"
            let ubl = setup.root + "/invoice.xml"
            _ = try await ctlOK(["invoice", "export", numbers[1], "--format", "pdf", "--output", pdf])
            _ = try await ctlOK(["invoice", "export", String(billed.invoices[1].id), "--format", "ubl", "--output", ubl])
            let fec = setup.root + "/732829320FEC\(year)1231.txt"
            _ = try await ctlOK(["accounting", "export", "--format", "fec", "--from", "\(year)-01-01", "--to", "\(year)-12-31", "--output", fec])
            let text = try await run("/usr/bin/pdftotext", [pdf, "-"])
            #expect(text.status == 0 && text.stdout.contains(numbers[1]) && text.stdout.contains("708,00"), "\(text.stdout)")
            #expect(try String(contentsOfFile: ubl, encoding: .utf8).contains("<cbc:ID>\(numbers[1])</cbc:ID>"))
            #expect(try String(contentsOfFile: fec, encoding: .utf8).contains(numbers[1]))
        }
    }

    /// What `parcctl` exports, opened by tools Parc did not write (from `../shared`).
    @Test(
        .enabled(
            if: SharedMaterial.hasUBLValidator && SharedMaterial.hasFECChecker,
            "../shared/tools/validate-ubl or check-fec is absent beside this clone: parcctl's UBL and FEC are not checked by them"))
    func exportedUBLAndFECPassTheIndependentValidators() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let boss = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            func ctl(_ arguments: [String]) async throws -> String {
                let result = try await run("parcctl", arguments + boss)
                #expect(result.status == 0, "parcctl \(arguments.joined(separator: " ")): \(result.stderr)")
                return result.stdout
            }
            _ = try await ctl([
                "provider", "set", "--name", "Parc Services SAS", "--siren", "732829320", "--vat-number", "FR44732829320",
                "--address-line1", "10 rue de la Paix", "--postal-code", "75002", "--city", "Paris",
            ])
            _ = try await ctl([
                "client", "update", "ACME", "--siren", "552032534", "--vat-number", "FR27552032534", "--address-line1", "5 avenue Foch",
                "--postal-code", "69006", "--city", "Lyon",
            ])
            let today = String(Date().formatted(.iso8601).prefix(10))
            var new = NewContract(client: "ACME", reference: "C-VALID", title: "Care", startsOn: today, status: .active)
            new.billing = BillingTerms(frequency: .monthly, timing: .advance, billingDay: 1)
            let contract = try await setup.staff.createContract(new)
            _ = try await setup.staff.addContractLine(id: contract.id, NewContractLine(kind: .flat, description: "Managed services", unitPriceCents: 50_000))
            let billed = try CanonicalJSON.decode(BillingRun.self, from: Data(try await ctl(["billing", "run", "--as-of", today, "--json"]).utf8))
            let id = String(try #require(billed.invoices.first).id)
            _ = try await ctl(["invoice", "issue", id])
            _ = try await ctl(["payment", "record", id, "--amount", "100.00"])
            let ubl = setup.root + "/invoice.xml"
            let year = String(today.prefix(4))
            let fec = setup.root + "/732829320FEC\(year)1231.txt"
            _ = try await ctl(["invoice", "export", id, "--format", "ubl", "--output", ubl])
            _ = try await ctl(["accounting", "export", "--format", "fec", "--from", "\(year)-01-01", "--to", "\(year)-12-31", "--output", fec])
            for (tool, file) in [(SharedMaterial.validateUBL, ubl), (SharedMaterial.checkFEC, fec)] {
                let checked = try await runProgram(tool, [file], timeout: 300)
                #expect(checked.status == 0, "\(tool): \(checked.output)")
            }
        }
    }

    /// With `--billing-every`, the server makes the drafts due on its own; issuing stays with people.
    @Test func theServerRunsBillingOnItsOwnWhenAskedTo() async throws {
        try await AgentReportingTests.withSetup(.sqlite, serverArguments: ["--billing-every", "1s"]) { setup in
            let today = String(Date().formatted(.iso8601).prefix(10))
            var new = NewContract(client: "ACME", reference: "C-AUTO", title: "Care", startsOn: today, status: .active)
            new.billing = BillingTerms(frequency: .monthly, timing: .advance, billingDay: 1)
            let contract = try await setup.staff.createContract(new)
            _ = try await setup.staff.addContractLine(id: contract.id, NewContractLine(kind: .flat, description: "Care", unitPriceCents: 31_000))
            var drafts: [Invoice] = []
            for _ in 0..<100 where drafts.isEmpty {
                try await Task.sleep(for: .milliseconds(200))
                drafts = try await setup.staff.listInvoices(client: "ACME").items
            }
            #expect(drafts.count == 1 && drafts.first?.status == .draft && drafts.first?.periodFirst == today)
            try await Task.sleep(for: .seconds(2))  // more passes: still one
            #expect(try await setup.staff.listInvoices(client: "ACME").total == 1)
        }
    }
}
