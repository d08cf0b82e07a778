import Foundation
import ParcClient
import ParcProtocol
import ParcTestSupport
import Testing

/// Every `parcctl` list pages the same way: `--limit` and `--offset`, a footer that says how many
/// of how many are shown and the next page's option, and `--json` as `{items, total, limit, offset}`.
@Suite struct CtlPagingTests {
    struct Shape: Decodable {
        var items: [AnyJSON]
        var total: Int
        var limit: Int
        var offset: Int
    }
    struct AnyJSON: Decodable {}

    @Test func everyListTakesLimitAndOffsetAndPrintsTheSamePage() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let staff = setup.staff
            let ctl = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            // A reported machine brings software and history; three of everything else.
            let state = setup.root + "/agent-state"
            let machine = try AgentReportingTests.laptopRoot(in: setup.root)
            let enroll = try await run(
                "parc-agent",
                [
                    "enroll", "--server", setup.server.url, "--token", try await setup.enrollmentToken(), "--ca-fingerprint", setup.fingerprint, "--state-dir",
                    state,
                ])
            #expect(enroll.status == 0, "\(enroll.stderr)")
            #expect(try await run("parc-agent", ["report", "--state-dir", state, "--root", machine]).status == 0)
            let computer = try #require(try await staff.listAssets(client: "ACME").items.first)
            let today = String(Date().formatted(.iso8601).prefix(10))
            for index in 1...3 {
                _ = try await staff.addSite(client: "ACME", NewSite(name: "Site \(index)"))
                _ = try await staff.createLicence(NewLicence(client: "ACME", product: "Product \(index)", packagePatterns: ["p\(index)"], seats: index))
                _ = try await staff.createToken(NewAPIToken(label: "token \(index)"))
                _ = try await staff.createEnrollmentToken(NewEnrollmentToken(client: "ACME"))
                var plan = NewMaintenancePlan(client: "ACME", name: "Plan \(index)", recurrence: Recurrence(every: index, unit: .months, startsOn: today))
                plan.assetIDs = [computer.id]
                _ = try await staff.createMaintenancePlan(plan)
                var renamed = AssetUpdate()
                renamed.name = "pc-\(index)"
                _ = try await staff.updateAsset(id: computer.id, renamed)
            }
            // Three monthly invoices in advance, each paid.
            var care = NewContract(client: "ACME", reference: "C-1", title: "Care", startsOn: today, status: .active)
            care.billing = BillingTerms(frequency: .monthly, timing: .advance, billingDay: 1)
            let contract = try await staff.createContract(care)
            for index in 2...3 {
                _ = try await staff.createContract(NewContract(client: "ACME", reference: "C-\(index)", title: "Other", startsOn: today))
            }
            _ = try await staff.addContractLine(id: contract.id, NewContractLine(kind: .flat, description: "Care", unitPriceCents: 10_000))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let thisMonth = try #require(calendar.date(from: calendar.dateComponents([.year, .month], from: Date())))
            let asOf = String(try #require(calendar.date(byAdding: .month, value: 2, to: thisMonth)).formatted(.iso8601).prefix(10))
            let billed = try await staff.runBilling(BillingRunRequest(asOf: asOf))
            #expect(billed.invoices.count == 3)
            for invoice in billed.invoices {
                let issued = try await staff.issueInvoice(id: invoice.id)
                _ = try await staff.recordPayment(invoiceID: issued.id, NewPayment(amountCents: 100, method: .transfer))
            }

            let lists: [[String]] = [
                ["asset", "history", String(computer.id)], ["asset", "software", String(computer.id)], ["software", "find", "adduser"],
                ["licence", "list"], ["contract", "list"], ["payment", "list"], ["site", "list", "--client", "ACME"], ["token", "list"],
                ["enroll-token", "list"], ["maintenance", "plan", "list"], ["client", "list"], ["asset", "list"], ["employee", "list", "--client", "ACME"],
                ["agent", "list"], ["ticket", "list"], ["invoice", "list"], ["staff", "list"],
            ]
            for list in lists {
                let name = list.prefix(2).joined(separator: " ")
                let whole = try await run("parcctl", list + ["--json"] + ctl)
                #expect(whole.status == 0, "\(name): \(whole.stderr)")
                let all = try JSONDecoder().decode(Shape.self, from: Data(whole.stdout.utf8))
                let limit = Page<Int>.defaultLimit
                #expect(all.items.count == min(all.total, limit) && all.offset == 0 && all.limit == limit, "\(name): \(whole.stdout.prefix(300))")
                let table = try await run("parcctl", list + ctl)
                let footer = all.total > limit ? "\(limit) of \(all.total) shown; next page: --offset \(limit)\n" : "\(all.total) in all\n"
                #expect(table.stdout.hasSuffix(footer), "\(name): \(table.stdout.suffix(200))")
                guard all.total >= 2 else { continue }
                let first = try await run("parcctl", list + ["--limit", "1", "--json"] + ctl)
                let page = try JSONDecoder().decode(Shape.self, from: Data(first.stdout.utf8))
                #expect(page.items.count == 1 && page.total == all.total && page.limit == 1, "\(name)")
                let second = try await run("parcctl", list + ["--limit", "1", "--offset", "1"] + ctl)
                #expect(second.stdout.hasSuffix("1 of \(all.total) shown; next page: --offset 2\n") || all.total == 2, "\(name): \(second.stdout)")
                let beyond = try await run("parcctl", list + ["--offset", String(all.total), "--json"] + ctl)
                #expect(try JSONDecoder().decode(Shape.self, from: Data(beyond.stdout.utf8)).items.isEmpty, "\(name)")
            }
            let counted = try await run("parcctl", ["payment", "list", "--limit", "2"] + ctl)
            #expect(counted.stdout.hasSuffix("2 of 3 shown; next page: --offset 2\n"), "\(counted.stdout)")
            // Bounds are the CLI's, named by its flags.
            let zero = try await run("parcctl", ["contract", "list", "--limit", "0"] + ctl)
            #expect(zero.status != 0 && zero.stderr.contains("--limit must be between 1 and 500"), "\(zero.stderr)")
            let negative = try await run("parcctl", ["site", "list", "--client", "ACME", "--offset=-1"] + ctl)
            #expect(negative.status != 0 && negative.stderr.contains("--offset must be 0 or more"), "\(negative.stderr)")
        }
    }
}
