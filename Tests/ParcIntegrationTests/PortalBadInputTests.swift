import Foundation
import NIOHTTP1
import ParcClient
import ParcProtocol
import ParcTestSupport
import Testing

/// What a careless or hostile client sends the portal: oversized fields and bodies, markup in every
/// text field, unknown and malformed ids, broken JSON, a token whose user was disabled. Every
/// answer is a clear 4xx, markup is shown inert, and nothing is half written.
@Suite struct PortalBadInputTests {
    @Test func badInputGetsAClearRefusalAndChangesNothing() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let staff = setup.staff
            let ann = try await staff.addEmployee(client: "ACME", NewEmployee(name: "Ann Admin", email: "ann@acme.example"))
            let admin = try await PortalContentTests.signIn(setup, ann, role: .clientAdmin)
            defer { Task { await admin.close() } }
            let csrf = try #require(try await admin.send(.GET, "/portal/tickets/new").csrf)
            func ticketCount() async throws -> Int { try await staff.listTickets(["client": "ACME", "all": "true"]).total }

            // Oversized fields: refused by name, nothing made.
            let long = try await admin.send(.POST, "/portal/tickets", form: ["csrf": csrf, "title": String(repeating: "x", count: 201)])
            #expect(long.status == 422 && long.body.contains("200"), "\(long.status)")
            let novel = try await admin.send(
                .POST, "/portal/tickets", form: ["csrf": csrf, "title": "Novel", "description": String(repeating: "y", count: 20_001)])
            #expect(novel.status == 422 && novel.body.contains("Description : 20 000 caractères au plus."), "the reason in the page's language")
            #expect(try await ticketCount() == 0)
            let huge = try await admin.send(.POST, "/portal/tickets", form: ["csrf": csrf, "title": String(repeating: "z", count: 300_000)])
            #expect(huge.status == 413, "a body over the form limit: \(huge.status)")

            // Markup in every text field is shown as typed, never run.
            let markup = "<script>alert(1)</script><img src=x onerror=alert(2)>"
            let created = try await admin.send(.POST, "/portal/tickets", form: ["csrf": csrf, "title": "T " + markup, "description": "D " + markup])
            #expect(created.status == 303)
            let path = try #require(created.location)
            #expect(try await admin.send(.POST, path + "/comments", form: ["csrf": csrf, "body": "C " + markup]).status == 303)
            let page = try await admin.send(.GET, path)
            #expect(!page.body.contains("<script>alert") && !page.body.contains("<img src=x"))
            // The title twice (window and heading), the description, the comment: all escaped.
            #expect(page.body.components(separatedBy: "&lt;script&gt;alert(1)&lt;/script&gt;").count == 5)
            // A full-size comment in accented letters fits the form limit; one more character is refused.
            #expect(try await admin.send(.POST, path + "/comments", form: ["csrf": csrf, "body": String(repeating: "é", count: 20_000)]).status == 303)
            let tooLong = try await admin.send(.POST, path + "/comments", form: ["csrf": csrf, "body": String(repeating: "é", count: 20_001)])
            #expect(tooLong.status == 422)
            #expect(try await staff.ticket(try #require(try await staff.listTickets(["client": "ACME"]).items.first).number).comments.count == 2)
            let tokens = try await admin.send(.POST, "/portal/tokens", form: ["csrf": csrf, "name": markup, "days": "7"])
            #expect(tokens.status == 200 && !tokens.body.contains("<script>alert") && tokens.body.contains("&lt;script&gt;"))

            // Unknown and malformed ids.
            for bad in ["/portal/tickets/999999", "/portal/tickets/abc", "/portal/tickets/-1", "/portal/assets/0", "/portal/invoices/99999999999999999999"] {
                let answer = try await admin.send(.GET, bad)
                #expect(answer.status == 404, "\(bad): \(answer.status)")
            }

            // The JSON API: broken, oversized and ill-typed bodies name the problem.
            let secretRange = try #require(tokens.body.range(of: #"parcp_[A-Za-z0-9_-]+"#, options: .regularExpression))
            let bearer = [("Authorization", "Bearer \(tokens.body[secretRange])")]
            let broken = try await admin.send(.POST, "/portal/api/v1/tickets", headers: bearer, json: #"{"title": "#)
            #expect(broken.status == 400 && broken.body.contains("\"error\""), "\(broken.body)")
            let typed = try await admin.send(.POST, "/portal/api/v1/tickets", headers: bearer, json: #"{"title":"x","priority":"P9"}"#)
            #expect(typed.status == 400 && typed.body.contains("priority"), "\(typed.body)")
            let oversized = try await admin.send(
                .POST, "/portal/api/v1/tickets", headers: bearer, json: #"{"title":"x","description":""# + String(repeating: "a", count: 70_000) + #""}"#)
            #expect(oversized.status == 413, "\(oversized.status)")
            let badID = try await admin.send(.GET, "/portal/api/v1/tickets/0", headers: bearer)
            #expect(badID.status == 400 && badID.body.contains("\"field\":\"id\""), "\(badID.body)")
            #expect(try await ticketCount() == 1, "only the one good ticket was made")

            // A disabled user's token and session die at once.
            let account = try #require(try await staff.listPortalUsers(client: "ACME").items.first)
            _ = try await staff.updatePortalUser(id: account.id, PortalUserUpdate(disabled: true))
            #expect(try await admin.send(.GET, "/portal/api/v1/home", headers: bearer).status == 401)
            #expect(try await admin.send(.GET, "/portal").location == "/portal/login")
        }
    }
}
