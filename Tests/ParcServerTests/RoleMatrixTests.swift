import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParcProtocol
import ParcServer
import ParcTestSupport
import Testing

/// Every staff route × every role: allowed roles get through (no 401/403, no 5xx), the others get 403.
/// The table is written out here, independently of the server's own permission table.
@Suite struct RoleMatrixTests {
    struct Fixture: Sendable {
        var staffIDs: [StaffRole: Int64]
        var tokens: [StaffRole: String]
        /// A spare token per role, owned by that role's user, for the revoke route.
        var spareTokenIDs: [StaffRole: Int64]
        var employeeID: Int64
        var technicianID: Int64
        var agentID = ""
        var siteID: Int64 = 0
        var enrollmentTokenID: Int64 = 0
        var intakeCredentialID: Int64 = 0
    }

    struct Case: Sendable, CustomStringConvertible {
        var method: HTTPRequest.Method
        var route: String
        var allowed: Set<StaffRole>
        var body: String?
        var uri: @Sendable (StaffRole, Fixture) -> String

        var description: String { "\(method) \(route)" }
    }

    static let all: Set<StaffRole> = [.manager, .technician, .billing]

    static let slaSettings = #"""
        {"calendar":{"timeZone":"Europe/Paris","workingDays":[1,2,3,4,5],"opensAt":"08:30","closesAt":"17:30","holidays":["2026-12-25"]},
         "defaultTerms":{"hours":"business","targets":[{"priority":"P1","responseMinutes":60,"resolutionMinutes":240},
         {"priority":"P2","responseMinutes":120,"resolutionMinutes":480},{"priority":"P3","responseMinutes":240,"resolutionMinutes":960},
         {"priority":"P4","responseMinutes":480,"resolutionMinutes":2400}]},"dueSoonMinutes":60}
        """#

    static let cases: [Case] = [
        Case(method: .get, route: "/api/v1/me", allowed: all) { _, _ in "/api/v1/me" },
        Case(method: .get, route: "/api/v1/clients", allowed: all) { _, _ in "/api/v1/clients" },
        Case(method: .post, route: "/api/v1/clients", allowed: [.manager], body: #"{"code":"NEWCO","name":"New Co"}"#) { _, _ in "/api/v1/clients" },
        Case(method: .get, route: "/api/v1/clients/{code}", allowed: all) { _, _ in "/api/v1/clients/ACME" },
        Case(method: .patch, route: "/api/v1/clients/{code}", allowed: [.manager, .billing], body: #"{"contactEmail":"it@acme.example"}"#) { _, _ in
            "/api/v1/clients/ACME"
        },
        Case(method: .get, route: "/api/v1/clients/{code}/sites", allowed: all) { _, _ in "/api/v1/clients/ACME/sites" },
        Case(method: .post, route: "/api/v1/clients/{code}/sites", allowed: [.manager, .technician], body: #"{"name":"Annex"}"#) { role, _ in
            "/api/v1/clients/ACME/sites"
        },
        Case(method: .get, route: "/api/v1/clients/{code}/employees", allowed: all) { _, _ in "/api/v1/clients/ACME/employees" },
        Case(method: .get, route: "/api/v1/sites/{id}", allowed: all) { _, fixture in "/api/v1/sites/\(fixture.siteID)" },
        Case(method: .patch, route: "/api/v1/sites/{id}", allowed: [.manager, .technician], body: #"{"notes":"key at reception"}"#) { _, fixture in
            "/api/v1/sites/\(fixture.siteID)"
        },
        Case(method: .post, route: "/api/v1/clients/{code}/employees", allowed: [.manager, .technician], body: #"{"name":"New Hire"}"#) { _, _ in
            "/api/v1/clients/ACME/employees"
        },
        Case(method: .get, route: "/api/v1/employees/{id}", allowed: all) { _, fixture in "/api/v1/employees/\(fixture.employeeID)" },
        Case(method: .patch, route: "/api/v1/employees/{id}", allowed: [.manager, .technician], body: #"{"department":"IT"}"#) { _, fixture in
            "/api/v1/employees/\(fixture.employeeID)"
        },
        Case(method: .get, route: "/api/v1/staff", allowed: [.manager]) { _, _ in "/api/v1/staff" },
        Case(method: .post, route: "/api/v1/staff", allowed: [.manager], body: #"{"email":"new@p.example","name":"New","role":"billing"}"#) { _, _ in
            "/api/v1/staff"
        },
        Case(method: .get, route: "/api/v1/staff/{id}", allowed: [.manager]) { _, fixture in "/api/v1/staff/\(fixture.technicianID)" },
        Case(method: .patch, route: "/api/v1/staff/{id}", allowed: [.manager], body: #"{"name":"Renamed"}"#) { _, fixture in
            "/api/v1/staff/\(fixture.technicianID)"
        },
        Case(method: .get, route: "/api/v1/tokens", allowed: all) { _, _ in "/api/v1/tokens" },
        Case(method: .post, route: "/api/v1/tokens", allowed: all, body: #"{"label":"another"}"#) { _, _ in "/api/v1/tokens" },
        Case(method: .delete, route: "/api/v1/tokens/{id}", allowed: all) { role, fixture in "/api/v1/tokens/\(fixture.spareTokenIDs[role] ?? 0)" },
        Case(method: .get, route: "/api/v1/enrollment-tokens", allowed: [.manager, .technician]) { _, _ in "/api/v1/enrollment-tokens" },
        Case(method: .post, route: "/api/v1/enrollment-tokens", allowed: [.manager, .technician], body: #"{"client":"ACME"}"#) { _, _ in
            "/api/v1/enrollment-tokens"
        },
        Case(method: .delete, route: "/api/v1/enrollment-tokens/{id}", allowed: [.manager, .technician]) { _, fixture in
            "/api/v1/enrollment-tokens/\(fixture.enrollmentTokenID)"
        },
        Case(method: .get, route: "/api/v1/intake-credentials", allowed: [.manager, .technician]) { _, _ in "/api/v1/intake-credentials" },
        Case(method: .post, route: "/api/v1/intake-credentials", allowed: [.manager, .technician], body: #"{"clientCode":"ACME","kind":"basic"}"#) { _, _ in
            "/api/v1/intake-credentials"
        },
        Case(method: .delete, route: "/api/v1/intake-credentials/{id}", allowed: [.manager, .technician]) { _, fixture in
            "/api/v1/intake-credentials/\(fixture.intakeCredentialID)"
        },
        Case(method: .get, route: "/api/v1/agents", allowed: all) { _, _ in "/api/v1/agents" },
        Case(method: .get, route: "/api/v1/agents/{id}", allowed: all) { _, fixture in "/api/v1/agents/\(fixture.agentID)" },
        Case(method: .get, route: "/api/v1/agents/{id}/reports", allowed: all) { _, fixture in "/api/v1/agents/\(fixture.agentID)/reports" },
        Case(method: .post, route: "/api/v1/agents/{id}/revoke", allowed: [.manager, .technician]) { _, fixture in
            "/api/v1/agents/\(fixture.agentID)/revoke"
        },
        Case(method: .get, route: "/api/v1/assets", allowed: all) { _, _ in "/api/v1/assets?client=ACME" },
        Case(method: .post, route: "/api/v1/clients/{code}/employees/import", allowed: [.manager, .technician], body: "name,email\nAl,al@acme.example\n") {
            _, _ in
            "/api/v1/clients/ACME/employees/import?dryRun=true"
        },
        Case(method: .get, route: "/api/v1/assets/export", allowed: all) { _, _ in "/api/v1/assets/export?client=ACME" },
        Case(method: .post, route: "/api/v1/assets/import", allowed: [.manager, .technician], body: "kind,name\nprinter,P1\n") { _, _ in
            "/api/v1/assets/import?client=ACME&dryRun=true"
        },
        Case(method: .get, route: "/api/v1/assets/{id}", allowed: all) { _, _ in "/api/v1/assets/1" },
        Case(method: .get, route: "/api/v1/assets/{id}/history", allowed: all) { _, _ in "/api/v1/assets/1/history" },
        Case(method: .get, route: "/api/v1/assets/{id}/software", allowed: all) { _, _ in "/api/v1/assets/1/software" },
        Case(method: .get, route: "/api/v1/assets/{id}/product-keys", allowed: [.manager]) { _, _ in "/api/v1/assets/1/product-keys" },
        Case(method: .post, route: "/api/v1/assets", allowed: [.manager, .technician], body: #"{"client":"ACME","kind":"printer","name":"Printer"}"#) { _, _ in
            "/api/v1/assets"
        },
        Case(method: .patch, route: "/api/v1/assets/{id}", allowed: [.manager, .technician], body: #"{"notes":"checked"}"#) { _, _ in "/api/v1/assets/1" },
        Case(method: .post, route: "/api/v1/assets/{id}/assign", allowed: [.manager, .technician], body: #"{"employeeID":1}"#) { _, _ in
            "/api/v1/assets/1/assign"
        },
        Case(method: .post, route: "/api/v1/assets/{id}/merge", allowed: [.manager, .technician], body: #"{"duplicateID":2}"#) { _, _ in
            "/api/v1/assets/1/merge"
        },
        Case(method: .post, route: "/api/v1/assets/{id}/transfer", allowed: [.manager, .technician], body: #"{"client":"ACME"}"#) { _, _ in
            "/api/v1/assets/1/transfer"
        },
        Case(method: .post, route: "/api/v1/assets/{id}/unassign", allowed: [.manager, .technician]) { _, _ in "/api/v1/assets/1/unassign" },
        Case(method: .get, route: "/api/v1/software", allowed: all) { _, _ in "/api/v1/software?name=openssl&versionBelow=3.0.13" },
        Case(method: .get, route: "/api/v1/components", allowed: all) { _, _ in "/api/v1/components?serial=S1" },
        Case(
            method: .post, route: "/api/v1/licences", allowed: [.manager],
            body: #"{"client":"ACME","product":"Office","packagePatterns":["libreoffice*"],"seats":2}"#
        ) { _, _ in
            "/api/v1/licences"
        },
        Case(method: .get, route: "/api/v1/licences", allowed: all) { _, _ in "/api/v1/licences?client=ACME" },
        Case(method: .get, route: "/api/v1/licences/{id}", allowed: all) { _, _ in "/api/v1/licences/1" },
        Case(method: .patch, route: "/api/v1/licences/{id}", allowed: [.manager], body: #"{"seats":3}"#) { _, _ in "/api/v1/licences/1" },
        Case(method: .post, route: "/api/v1/licences/{id}/seats", allowed: [.manager], body: #"{"employeeID":1}"#) { _, _ in "/api/v1/licences/1/seats" },
        Case(method: .delete, route: "/api/v1/licences/{id}/seats/{seat}", allowed: [.manager]) { _, _ in "/api/v1/licences/1/seats/1" },
        Case(method: .get, route: "/api/v1/licences/{id}/compliance", allowed: all) { _, _ in "/api/v1/licences/1/compliance" },
        Case(
            method: .post, route: "/api/v1/tickets", allowed: [.manager, .technician],
            body: #"{"client":"ACME","title":"Printer jams","type":"incident","priority":"P3","assetIDs":[1]}"#
        ) { _, _ in
            "/api/v1/tickets"
        },
        Case(method: .get, route: "/api/v1/tickets", allowed: all) { _, _ in "/api/v1/tickets?client=ACME&sla=breached" },
        Case(method: .get, route: "/api/v1/tickets/{id}", allowed: all) { _, _ in "/api/v1/tickets/T-2026-00001" },
        Case(method: .patch, route: "/api/v1/tickets/{id}", allowed: [.manager, .technician], body: #"{"priority":"P2"}"#) { _, _ in "/api/v1/tickets/1" },
        Case(method: .post, route: "/api/v1/tickets/{id}/assign", allowed: [.manager, .technician], body: #"{"technicianID":1}"#) { _, _ in
            "/api/v1/tickets/1/assign"
        },
        Case(method: .post, route: "/api/v1/tickets/{id}/status", allowed: [.manager, .technician], body: #"{"status":"in-progress"}"#) { _, _ in
            "/api/v1/tickets/1/status"
        },
        Case(method: .post, route: "/api/v1/tickets/{id}/comments", allowed: [.manager, .technician], body: #"{"body":"on it","isPublic":true}"#) { _, _ in
            "/api/v1/tickets/1/comments"
        },
        Case(method: .post, route: "/api/v1/tickets/{id}/time", allowed: [.manager, .technician], body: #"{"minutes":15}"#) { _, _ in "/api/v1/tickets/1/time"
        },
        Case(method: .post, route: "/api/v1/tickets/{id}/materials", allowed: [.manager, .technician], body: #"{"description":"cable","quantity":2}"#) { _, _ in
            "/api/v1/tickets/1/materials"
        },
        Case(method: .post, route: "/api/v1/billing/runs", allowed: [.manager, .billing], body: #"{"asOf":"2026-12-31","dryRun":true}"#) { _, _ in
            "/api/v1/billing/runs"
        },
        Case(method: .get, route: "/api/v1/invoices", allowed: [.manager, .billing]) { _, _ in "/api/v1/invoices?client=ACME" },
        Case(method: .get, route: "/api/v1/invoices/{id}", allowed: [.manager, .billing]) { _, _ in "/api/v1/invoices/1" },
        Case(method: .post, route: "/api/v1/invoices/{id}/issue", allowed: [.manager, .billing]) { _, _ in "/api/v1/invoices/1/issue" },
        Case(method: .post, route: "/api/v1/invoices/{id}/credit", allowed: [.manager, .billing], body: #"{}"#) { _, _ in "/api/v1/invoices/1/credit" },
        Case(method: .post, route: "/api/v1/invoices/{id}/payments", allowed: [.manager, .billing], body: #"{"amountCents":100,"method":"transfer"}"#) { _, _ in
            "/api/v1/invoices/1/payments"
        },
        Case(method: .get, route: "/api/v1/payments", allowed: [.manager, .billing]) { _, _ in "/api/v1/payments?client=ACME" },
        Case(method: .get, route: "/api/v1/accounting/export", allowed: [.manager, .billing]) { _, _ in
            "/api/v1/accounting/export?format=fec&from=2026-01-01&to=2026-12-31"
        },
        Case(method: .get, route: "/api/v1/settings/provider", allowed: all) { _, _ in "/api/v1/settings/provider" },
        Case(
            method: .put, route: "/api/v1/settings/provider", allowed: [.manager],
            body: #"{"name":"Parc Services","siren":"732829320","latePenalty":"3 x legal rate"}"#
        ) { _, _ in
            "/api/v1/settings/provider"
        },
        Case(method: .get, route: "/api/v1/invoices/{id}/document", allowed: [.manager, .billing]) { _, _ in "/api/v1/invoices/1/document?format=json" },
        Case(method: .get, route: "/api/v1/invoices/export", allowed: [.manager, .billing]) { _, _ in "/api/v1/invoices/export" },
        Case(method: .get, route: "/api/v1/payments/export", allowed: [.manager, .billing]) { _, _ in "/api/v1/payments/export" },
        Case(method: .get, route: "/api/v1/revenue", allowed: [.manager, .billing]) { _, _ in "/api/v1/revenue" },
        Case(method: .post, route: "/api/v1/invoices/{id}/lines", allowed: [.manager, .billing], body: #"{"description":"Cable","unitPriceCents":990}"#) {
            _, _ in
            "/api/v1/invoices/1/lines"
        },
        Case(method: .delete, route: "/api/v1/invoices/{id}/lines/{position}", allowed: [.manager, .billing]) { _, _ in "/api/v1/invoices/1/lines/9" },
        Case(method: .delete, route: "/api/v1/invoices/{id}", allowed: [.manager, .billing]) { _, _ in "/api/v1/invoices/999" },
        Case(method: .get, route: "/api/v1/sla", allowed: all) { _, _ in "/api/v1/sla" },
        Case(method: .put, route: "/api/v1/sla", allowed: [.manager], body: slaSettings) { _, _ in "/api/v1/sla" },
        Case(
            method: .post, route: "/api/v1/contracts", allowed: [.manager, .billing],
            body: #"{"client":"ACME","reference":"C-1","title":"Care","startsOn":"2026-01-01"}"#
        ) { _, _ in
            "/api/v1/contracts"
        },
        Case(method: .get, route: "/api/v1/contracts", allowed: all) { _, _ in "/api/v1/contracts?client=ACME" },
        Case(method: .get, route: "/api/v1/contracts/{id}", allowed: all) { _, _ in "/api/v1/contracts/1" },
        Case(method: .patch, route: "/api/v1/contracts/{id}", allowed: [.manager, .billing], body: #"{"status":"active"}"#) { _, _ in "/api/v1/contracts/1" },
        Case(
            method: .post, route: "/api/v1/contracts/{id}/lines", allowed: [.manager, .billing],
            body: #"{"kind":"flat","description":"Care","unitPriceCents":50000}"#
        ) { _, _ in
            "/api/v1/contracts/1/lines"
        },
        Case(
            method: .post, route: "/api/v1/maintenance/plans", allowed: [.manager, .technician],
            body:
                #"{"client":"ACME","name":"Check","kind":"computer","recurrence":{"every":1,"unit":"months","startsOn":"2027-01-01"},"checklist":["Updates"]}"#
        ) { _, _ in
            "/api/v1/maintenance/plans"
        },
        Case(method: .get, route: "/api/v1/maintenance/plans", allowed: all) { _, _ in "/api/v1/maintenance/plans" },
        Case(method: .get, route: "/api/v1/maintenance/plans/{id}", allowed: all) { _, _ in "/api/v1/maintenance/plans/1" },
        Case(method: .patch, route: "/api/v1/maintenance/plans/{id}", allowed: [.manager, .technician], body: #"{"paused":true}"#) { _, _ in
            "/api/v1/maintenance/plans/1"
        },
        Case(method: .post, route: "/api/v1/maintenance/run", allowed: [.manager, .technician], body: #"{"asOf":"2026-12-30"}"#) { _, _ in
            "/api/v1/maintenance/run"
        },
        Case(method: .post, route: "/api/v1/clients/{code}/portal-users", allowed: [.manager], body: #"{"employeeID":1,"role":"member"}"#) { _, _ in
            "/api/v1/clients/ACME/portal-users"
        },
        Case(method: .get, route: "/api/v1/clients/{code}/portal-users", allowed: all) { _, _ in "/api/v1/clients/ACME/portal-users" },
        Case(method: .get, route: "/api/v1/portal-users/{id}", allowed: all) { _, _ in "/api/v1/portal-users/1" },
        Case(method: .patch, route: "/api/v1/portal-users/{id}", allowed: [.manager], body: #"{"role":"billing"}"#) { _, _ in "/api/v1/portal-users/1" },
        Case(method: .post, route: "/api/v1/portal-users/{id}/unlock", allowed: [.manager]) { _, _ in "/api/v1/portal-users/1/unlock" },
        Case(method: .post, route: "/api/v1/portal-users/{id}/link", allowed: [.manager]) { _, _ in "/api/v1/portal-users/1/link" },
        Case(method: .get, route: "/api/v1/alerts", allowed: all) { _, _ in "/api/v1/alerts?client=ACME" },
        Case(method: .get, route: "/api/v1/alerts/{id}", allowed: all) { _, _ in "/api/v1/alerts/1" },
        Case(method: .post, route: "/api/v1/alerts/{id}/acknowledge", allowed: all) { _, _ in "/api/v1/alerts/1/acknowledge" },
        Case(method: .post, route: "/api/v1/alerts/scan", allowed: [.manager]) { _, _ in "/api/v1/alerts/scan" },
        Case(method: .get, route: "/api/v1/alert-rules", allowed: all) { _, _ in "/api/v1/alert-rules?client=ACME" },
        Case(method: .put, route: "/api/v1/alert-rules", allowed: [.manager], body: #"{"kind":"warranty-end","leadTimes":[60,7]}"#) { _, _ in
            "/api/v1/alert-rules"
        },
        Case(method: .get, route: "/api/v1/webhooks", allowed: [.manager]) { _, _ in "/api/v1/webhooks" },
        Case(method: .post, route: "/api/v1/webhooks", allowed: [.manager], body: #"{"url":"https://192.0.2.10/hook"}"#) { _, _ in "/api/v1/webhooks" },
        Case(method: .get, route: "/api/v1/webhooks/{id}", allowed: [.manager]) { _, _ in "/api/v1/webhooks/1" },
        Case(method: .delete, route: "/api/v1/webhooks/{id}", allowed: [.manager]) { _, _ in "/api/v1/webhooks/99" },
        Case(method: .post, route: "/api/v1/webhooks/{id}/rotate-secret", allowed: [.manager]) { _, _ in "/api/v1/webhooks/1/rotate-secret" },
        Case(method: .post, route: "/api/v1/webhooks/{id}/enable", allowed: [.manager]) { _, _ in "/api/v1/webhooks/1/enable" },
        Case(method: .post, route: "/api/v1/webhooks/{id}/disable", allowed: [.manager]) { _, _ in "/api/v1/webhooks/1/disable" },
        Case(method: .get, route: "/api/v1/mail", allowed: [.manager]) { _, _ in "/api/v1/mail" },
        Case(
            method: .put, route: "/api/v1/mail", allowed: [.manager],
            body: #"{"host":"127.0.0.1","port":1,"security":"none","fromAddress":"parc@provider.example"}"#
        ) { _, _ in "/api/v1/mail" },
        Case(method: .get, route: "/api/v1/mail/rules", allowed: [.manager]) { _, _ in "/api/v1/mail/rules?client=ACME" },
        Case(method: .put, route: "/api/v1/mail/rules", allowed: [.manager], body: #"{"event":"alert.raised","recipients":["contact"]}"#) { _, _ in
            "/api/v1/mail/rules"
        },
        Case(method: .delete, route: "/api/v1/mail/rules", allowed: [.manager]) { _, _ in "/api/v1/mail/rules?event=alert.resolved" },
        Case(method: .post, route: "/api/v1/mail/test", allowed: [.manager], body: #"{"to":"me@provider.example"}"#) { _, _ in "/api/v1/mail/test" },
        Case(method: .get, route: "/api/v1/outbox", allowed: [.manager]) { _, _ in "/api/v1/outbox?status=failed" },
        Case(method: .post, route: "/api/v1/outbox/retry", allowed: [.manager], body: #"{"allFailed":true}"#) { _, _ in "/api/v1/outbox/retry" },
    ]

    @Test(arguments: TestBackend.available)
    func everyRouteChecksTheRole(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            // Staff routes; the portal's API has its own scope test (PortalScopeTests).
            let routes = Set(server.router.routes.map { "\($0.method) \(OpenAPIDocument.normalise("\($0.path)"))" }.filter { $0.contains(" /api/") })
            let covered = Set(Self.cases.map { "\($0.method) \($0.route)" })
            #expect(routes == covered, "routes without a role-matrix row: \(routes.subtracting(covered)); rows without a route: \(covered.subtracting(routes))")

            try await server.application.test(.router) { client in
                let fixture = try await Self.makeFixture(client, managerToken: server.managerToken)
                for testCase in Self.cases {
                    for role in StaffRole.allCases {
                        let response = try await client.call(
                            testCase.method, testCase.uri(role, fixture), token: fixture.tokens[role], json: testCase.body)
                        if testCase.allowed.contains(role) {
                            #expect(![.unauthorized, .forbidden].contains(response.status), "\(testCase) as \(role): \(response.status) \(response.text)")
                        } else {
                            #expect(response.status == .forbidden, "\(testCase) as \(role): \(response.status) \(response.text)")
                            #expect(response.error?.error == "forbidden")
                        }
                        #expect(response.status.code < 500, "\(testCase) as \(role): \(response.text)")
                    }
                }
            }
        }
    }

    static func makeFixture(_ client: some TestClientProtocol, managerToken: String) async throws -> Fixture {
        #expect(try await client.call(.post, "/api/v1/clients", token: managerToken, json: #"{"code":"ACME","name":"ACME"}"#).status == .created)
        let employee = try await client.call(.post, "/api/v1/clients/ACME/employees", token: managerToken, json: #"{"name":"Jane"}"#).decode(Employee.self)
        let me = try await client.call(.get, "/api/v1/me", token: managerToken).decode(Identity.self)
        var fixture = Fixture(staffIDs: [.manager: me.staff.id], tokens: [.manager: managerToken], spareTokenIDs: [:], employeeID: employee.id, technicianID: 0)
        for role in [StaffRole.technician, .billing] {
            let user = try await client.call(
                .post, "/api/v1/staff", token: managerToken,
                json: #"{"email":"\#(role.rawValue)@p.example","name":"\#(role.rawValue)","role":"\#(role.rawValue)"}"#
            )
            .decode(StaffUser.self)
            fixture.staffIDs[role] = user.id
            fixture.tokens[role] = try await client.call(.post, "/api/v1/tokens", token: managerToken, json: #"{"label":"matrix","staffID":\#(user.id)}"#)
                .decode(CreatedAPIToken.self).secret
        }
        fixture.technicianID = fixture.staffIDs[.technician] ?? 0
        for role in StaffRole.allCases {
            let spare = try await client.call(.post, "/api/v1/tokens", token: fixture.tokens[role], json: #"{"label":"spare"}"#).decode(CreatedAPIToken.self)
            fixture.spareTokenIDs[role] = spare.token.id
        }
        let enrollment = try await client.call(.post, "/api/v1/enrollment-tokens", token: managerToken, json: #"{"client":"ACME","uses":2}"#)
            .decode(CreatedEnrollmentToken.self)
        fixture.enrollmentTokenID = enrollment.token.id
        fixture.intakeCredentialID = try await client.call(
            .post, "/api/v1/intake-credentials", token: managerToken, json: #"{"clientCode":"ACME","kind":"oauth"}"#
        ).decode(CreatedIntakeCredential.self).credential.id
        fixture.siteID = try await client.call(.post, "/api/v1/clients/ACME/sites", token: managerToken, json: #"{"name":"HQ"}"#).decode(Site.self).id
        let (_, csr) = try TestPKI.agentRequest()
        let body = String(
            decoding: try CanonicalJSON.encode(EnrollmentRequest(token: enrollment.secret, csrPEM: csr, hostname: "pc", agentVersion: "0")), as: UTF8.self)
        fixture.agentID = try await client.call(.post, "/agent/v1/enroll", token: nil, json: body).decode(EnrollmentResponse.self).agentID
        return fixture
    }
}
