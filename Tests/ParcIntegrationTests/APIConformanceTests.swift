import Foundation
import NIOHTTP1
import ParcClient
import ParcProtocol
import ParcTestSupport
import Testing

/// `server/openapi.yaml` checked by tools Parc did not write: openapi-spec-validator reads the
/// document, schemathesis sends a few hundred generated requests to the real server and checks that
/// none answers 5xx and every status is one the document declares.
@Suite struct APIConformanceTests {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("server/openapi.yaml").path

    @Test(.enabled(if: PythonTools.has("python"), "openapi-spec-validator is not installed: run 'make test', which installs it (make python-tools)"))
    func theDocumentIsValidOpenAPI() async throws {
        let script =
            "from openapi_spec_validator import validate\nfrom openapi_spec_validator.readers import read_from_filename\n"
            + "validate(read_from_filename('\(Self.document)')[0])\nprint('valid')"
        let result = try await runProgram(PythonTools.binDirectory! + "/python", ["-c", script], timeout: 120)
        #expect(result.status == 0 && result.stdout.contains("valid"), "\(result.output)")
    }

    @Test(.enabled(if: PythonTools.has("schemathesis"), "schemathesis is not installed: run 'make test', which installs it (make python-tools)"))
    func generatedRequestsGetNoServerErrorAndOnlyDocumentedStatuses() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            // Token and staff routes are left out: a generated request could revoke the token it runs with.
            let result = try await runProgram(
                PythonTools.binDirectory! + "/schemathesis",
                [
                    "run", Self.document, "--url", setup.server.url, "-H", "Authorization: Bearer \(setup.managerToken)", "--tls-verify", "false",
                    "--checks", "not_a_server_error,status_code_conformance", "-n", "4", "--phases", "examples,fuzzing", "--seed", "20261204",
                    "--exclude-path-regex", "^/api/v1/(tokens|staff)/",
                ], environment: ["SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"], timeout: 600)
            #expect(result.status == 0, "\(result.output.suffix(4000))")
            // "N generated, N passed": a few hundred requests, every one passing both checks.
            let counts = result.stdout.split(separator: "\n").first { $0.contains(" generated, ") }?.split(separator: " ").compactMap { Int($0) } ?? []
            #expect(counts.count == 2 && counts[0] >= 200 && counts[0] == counts[1], "\(result.stdout.suffix(2000))")
        }
    }

    /// Real answers of the real server, read by openapi-core against the document: a sample of
    /// every tag answered 2xx, and every operation that needs credentials answering 401 without them.
    @Test(.enabled(if: PythonTools.has("python"), "openapi-core is not installed: run 'make test', which installs it (make python-tools)"))
    func liveAnswersMatchTheDocument() async throws {
        try await AgentReportingTests.withSetup(.sqlite, serverArguments: ["--webhook-allow", "127.0.0.1"]) { setup in
            let staff = setup.staff
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
            let agent = try #require(try await staff.listAgents().items.first)
            let asset = try #require(try await staff.listAssets(client: "ACME").items.first)
            let site = try await staff.addSite(client: "ACME", NewSite(name: "HQ"))
            let employee = try await staff.addEmployee(client: "ACME", NewEmployee(name: "Jane Roe", email: "jane@acme.example"))
            let licence = try await staff.createLicence(NewLicence(client: "ACME", product: "Office", packagePatterns: ["adduser"], seats: 2))
            let ticket = try await staff.createTicket(NewTicket(client: "ACME", title: "Printer jams"))
            var expiring = NewLicence(client: "ACME", product: "Antivirus", packagePatterns: ["clamav"], seats: 5)
            expiring.expiresOn = String(Date().addingTimeInterval(20 * 86_400).formatted(.iso8601).prefix(10))
            _ = try await staff.createLicence(expiring)
            let today = String(Date().formatted(.iso8601).prefix(10))
            var care = NewContract(client: "ACME", reference: "C-1", title: "Care", startsOn: today, status: .active)
            care.billing = BillingTerms(frequency: .monthly, timing: .advance, billingDay: 1)
            let contract = try await staff.createContract(care)
            _ = try await staff.addContractLine(id: contract.id, NewContractLine(kind: .flat, description: "Care", unitPriceCents: 10_000))
            let invoice = try #require(try await staff.runBilling(BillingRunRequest(asOf: today)).invoices.first)
            _ = try await staff.issueInvoice(id: invoice.id)
            _ = try await staff.recordPayment(invoiceID: invoice.id, NewPayment(amountCents: 100, method: .transfer))
            var plan = NewMaintenancePlan(client: "ACME", name: "Clean", recurrence: Recurrence(every: 1, unit: .months, startsOn: today))
            plan.assetIDs = [asset.id]
            let maintenance = try await staff.createMaintenancePlan(plan)
            let hashes = #"{"agentVersion":"0.1.0","hostname":"pc-1","sectionHashes":{"os":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}"#

            var samples: [[String: Any]] = [
                "/healthz", "/metrics", "/ca.pem", "/api/v1/me", "/api/v1/staff", "/api/v1/staff/1", "/api/v1/tokens",
                "/api/v1/clients", "/api/v1/clients/ACME", "/api/v1/clients/ACME/sites", "/api/v1/sites/\(site.id)", "/api/v1/clients/ACME/employees",
                "/api/v1/employees/\(employee.id)", "/api/v1/agents", "/api/v1/agents/\(agent.id)", "/api/v1/agents/\(agent.id)/reports",
                "/api/v1/enrollment-tokens", "/api/v1/assets?client=ACME", "/api/v1/assets/\(asset.id)", "/api/v1/assets/\(asset.id)/history",
                "/api/v1/assets/\(asset.id)/software?q=add", "/api/v1/assets/export?format=json", "/api/v1/software?name=adduser",
                "/api/v1/components?serial=NOPE", "/api/v1/licences", "/api/v1/licences/\(licence.id)", "/api/v1/licences/\(licence.id)/compliance",
                "/api/v1/tickets", "/api/v1/tickets/\(ticket.id)", "/api/v1/sla", "/api/v1/maintenance/plans", "/api/v1/maintenance/plans/\(maintenance.id)",
                "/api/v1/contracts", "/api/v1/contracts/\(contract.id)", "/api/v1/invoices", "/api/v1/invoices/\(invoice.id)",
                "/api/v1/invoices/\(invoice.id)/document?format=html", "/api/v1/invoices/export", "/api/v1/payments", "/api/v1/payments/export",
                "/api/v1/accounting/export?from=\(today)&to=\(today)", "/api/v1/settings/provider", "/api/v1/revenue", "/api/v1/clients/ACME/portal-users",
            ].map { ["method": "GET", "path": $0] }
            samples += [
                ["method": "POST", "path": "/api/v1/clients", "body": ["code": "BETA", "name": "Beta"]],
                ["method": "POST", "path": "/api/v1/tickets/\(ticket.id)/comments", "body": ["body": "On it", "isPublic": true]],
                ["method": "POST", "path": "/agent/v1/checkin", "body": try JSONSerialization.jsonObject(with: Data(hashes.utf8)), "agent": true],
                ["method": "POST", "path": "/api/v1/webhooks", "body": ["url": "http://127.0.0.1:9/hook", "events": ["alert.raised"]]],
                ["method": "GET", "path": "/api/v1/webhooks"],
                ["method": "GET", "path": "/api/v1/webhooks/1"],
                ["method": "POST", "path": "/api/v1/webhooks/1/rotate-secret"],
                ["method": "POST", "path": "/api/v1/webhooks/1/disable"],
                ["method": "POST", "path": "/api/v1/webhooks/1/enable"],
                ["method": "PUT", "path": "/api/v1/alert-rules", "body": ["kind": "licence-expiry", "leadTimes": [60, 30, 0]]],
                ["method": "POST", "path": "/api/v1/alerts/scan"],
                ["method": "GET", "path": "/api/v1/alerts?all=true"],
                ["method": "POST", "path": "/api/v1/alerts/1/acknowledge"],
                ["method": "GET", "path": "/api/v1/alerts/1"],
                ["method": "GET", "path": "/api/v1/alert-rules?client=ACME"],
                ["method": "GET", "path": "/api/v1/outbox"],
                ["method": "POST", "path": "/api/v1/outbox/retry", "body": ["allFailed": true]],
            ]
            // The portal's API, with a token a client admin made in the portal.
            let portalToken = try await Self.portalToken(setup, employee: employee)
            samples += ["/portal/api/v1/home", "/portal/api/v1/assets", "/portal/api/v1/tickets?all=true", "/portal/api/v1/invoices"].map {
                ["method": "GET", "path": $0, "token": portalToken]
            }
            samples += [["method": "POST", "path": "/portal/api/v1/tickets", "body": ["title": "Printer offline"], "token": portalToken]]
            let samplesPath = setup.root + "/samples.json"
            try JSONSerialization.data(withJSONObject: samples).write(to: URL(fileURLWithPath: samplesPath))
            let caPath = setup.root + "/ca.pem"
            try setup.caPEM.write(toFile: caPath, atomically: true, encoding: .utf8)
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "Scripts/openapi_live_check.py")
            let result = try await runProgram(
                PythonTools.binDirectory! + "/python", [script.path, Self.document, setup.server.url, setup.managerToken, caPath, samplesPath, state],
                timeout: 300)
            #expect(result.status == 0, "\(result.output.suffix(6000))")
            #expect(result.stdout.contains("over 15 of 15 tags"), "\(result.stdout.suffix(500))")
        }
    }

    /// A personal access token of the employee, made as a client admin would: invited, signed in, the form sent.
    static func portalToken(_ setup: AgentReportingTests.Setup, employee: Employee) async throws -> String {
        let link = try await setup.staff.invitePortalUser(client: employee.clientCode, NewPortalUser(employeeID: employee.id, role: .clientAdmin))
        let browser = try PortalPagesTests.Browser(base: setup.server.url, caPEM: setup.caPEM)
        defer { Task { await browser.close() } }
        let form = try await browser.send(.GET, link.path)
        let password = PortalPagesTests.password
        _ = try await browser.send(.POST, link.path, form: ["csrf": try #require(form.csrf), "password": password, "confirmation": password])
        let tokens = try await browser.send(.GET, "/portal/tokens")
        let made = try await browser.send(.POST, "/portal/tokens", form: ["csrf": try #require(tokens.csrf), "name": "conformance", "days": "1"])
        let range = try #require(made.body.range(of: #"parcp_[A-Za-z0-9_-]+"#, options: .regularExpression), "\(made.body)")
        return String(made.body[range])
    }
}
