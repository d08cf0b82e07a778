import Foundation
import ParcClient
import ParcProtocol
import ParcTestSupport
import Testing

/// The portal in a real browser: Debian's Chromium drives the real `parc-server` through
/// `Tests/Scripts/portal_browser_check.py` (Selenium), with the mouse, with JavaScript disabled and
/// with the keyboard only; axe-core checks every page at WCAG 2.1 A and AA, and every page is
/// checked at 320 CSS px wide.
@Suite struct PortalBrowserTests {
    @Test(.enabled(if: BrowserTools.available, "Chromium, chromedriver or Selenium with axe is not installed: run 'make test' (make browser-tools)"))
    func aClientWorksThroughThePortalInARealBrowser() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let staff = setup.staff
            try await PortalContentTests.nameTheParties(staff)
            let ann = try await staff.addEmployee(client: "ACME", NewEmployee(name: "Ann Admin", email: "ann@acme.example"))
            let desk = try await staff.createAsset(NewAsset(client: "ACME", kind: .computer, name: "ws-reception"))
            _ = try await staff.assignAsset(id: desk.id, employeeID: ann.id)
            _ = try await staff.createLicence(NewLicence(client: "ACME", product: "Office", packagePatterns: ["office*"], seats: 5))
            let today = String(Date().formatted(.iso8601).prefix(10))
            var care = NewContract(client: "ACME", reference: "C-CARE", title: "Care", startsOn: today, status: .active)
            care.billing = BillingTerms(frequency: .monthly, timing: .advance, billingDay: 1)
            let contract = try await staff.createContract(care)
            _ = try await staff.addContractLine(id: contract.id, NewContractLine(kind: .flat, description: "Care", unitPriceCents: 10_000))
            let draft = try #require(try await staff.runBilling(BillingRunRequest(asOf: today)).invoices.first)
            let invoice = try await staff.issueInvoice(id: draft.id)
            let link = try await staff.invitePortalUser(client: "ACME", NewPortalUser(employeeID: ann.id, role: .clientAdmin))
            let caPath = setup.root + "/ca.pem"
            try setup.caPEM.write(toFile: caPath, atomically: true, encoding: .utf8)
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Scripts/portal_browser_check.py")
            let result = try await runProgram(
                try #require(BrowserTools.python), [script.path],
                environment: [
                    "PORTAL_URL": setup.server.url, "PORTAL_CA": caPath, "STAFF_TOKEN": setup.managerToken, "PORTAL_EMAIL": "ann@acme.example",
                    "PORTAL_PASSWORD": "correct horse battery staple", "INVITE_PATH": link.path, "INVOICE_ID": String(invoice.id),
                    "INVOICE_NUMBER": try #require(invoice.number),
                ], timeout: 600)
            #expect(result.status == 0, "\(result.output.suffix(8000))")
            // Each run checked its flow, and the mouse run audited every page.
            #expect(result.stdout.contains("ok: keyboard: the old session cookie no longer opens the portal"), "\(result.stdout.suffix(3000))")
            #expect(result.stdout.contains("ok: axe: /portal/contracts/ID has no WCAG 2.1 A/AA violation"), "\(result.stdout.suffix(3000))")
        }
    }
}
