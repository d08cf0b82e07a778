import Foundation
import ParcClient
import ParcProtocol
import ParcServer
import ParcTestSupport
import SQLKit
import Testing

/// Staff open clients' portal accounts with `parcctl portal-user`: an invitation link shown once
/// and stored only as a hash, one account per employee, roles, disable (sessions and links void at
/// once), unlock, new links that void the old ones.
@Suite struct PortalUserTests {
    @Test(arguments: TestBackend.available)
    func staffInviteAndManagePortalUsers(_ backend: TestBackend) async throws {
        try await AgentReportingTests.withSetup(backend) { setup in
            let ctl = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            func ctlRun(_ arguments: [String]) async throws -> ProgramResult { try await run("parcctl", arguments + ctl) }
            let jane = try await setup.staff.addEmployee(client: "ACME", NewEmployee(name: "Jane Roe", email: "Jane@acme.example"))
            let nomail = try await setup.staff.addEmployee(client: "ACME", NewEmployee(name: "No Mail"))
            _ = try await setup.staff.createClient(NewClient(code: "RIVAL", name: "Rival"))
            let rival = try await setup.staff.addEmployee(client: "RIVAL", NewEmployee(name: "Rick", email: "rick@rival.example"))

            let invited = try await ctlRun(["portal-user", "invite", "--client", "ACME", "--employee", "jane@acme.example", "--role", "client-admin"])
            #expect(invited.status == 0, "\(invited.output)")
            let link = try #require(invited.stdout.split(separator: "\n").last.map(String.init))
            #expect(link.hasPrefix(setup.server.url + "/portal/invite/") && link.count > setup.server.url.count + 40, "\(invited.stdout)")
            let token = String(link.split(separator: "/").last ?? "")
            // Only a hash is kept.
            let database = setup.scratch.url
            let stored = try await Self.scalar(database, root: setup.root, "SELECT token_hash AS v FROM portal_links")
            #expect(stored == PortalSecret.hash(token) && stored != token)

            let again = try await ctlRun(["portal-user", "invite", "--client", "ACME", "--employee", String(jane.id), "--role", "member"])
            #expect(again.status != 0 && again.stderr.contains("jane@acme.example already has portal account"), "\(again.stderr)")
            let noEmail = try await ctlRun(["portal-user", "invite", "--client", "ACME", "--employee", String(nomail.id), "--role", "member"])
            #expect(noEmail.status != 0 && noEmail.stderr.contains("No Mail has no e-mail address, which is the portal login"), "\(noEmail.stderr)")
            let foreign = try await ctlRun(["portal-user", "invite", "--client", "ACME", "--employee", String(rival.id), "--role", "member"])
            #expect(foreign.status != 0 && foreign.stderr.contains("works for RIVAL, not for ACME"), "\(foreign.stderr)")
            let badRole = try await ctlRun(["portal-user", "invite", "--client", "ACME", "--employee", String(jane.id), "--role", "boss"])
            #expect(badRole.status != 0)

            let listed = try await ctlRun(["portal-user", "list", "--client", "ACME", "--json"])
            let page = try CanonicalJSON.decode(Page<PortalUser>.self, from: Data(listed.stdout.utf8))
            let user = try #require(page.items.first)
            #expect(page.total == 1 && user.status == .invited && user.role == .clientAdmin && user.employeeID == jane.id)
            #expect(try await ctlRun(["portal-user", "list", "--client", "RIVAL"]).stdout.hasSuffix("0 in all\n"))

            #expect(try await ctlRun(["portal-user", "role", String(user.id), "billing"]).stdout.contains("is now billing"))
            // A new link voids the first one.
            let relinked = try await ctlRun(["portal-user", "link", String(user.id)])
            #expect(relinked.status == 0 && relinked.stdout.contains("/portal/invite/"), "\(relinked.output)")
            #expect(try await Self.scalar(database, root: setup.root, "SELECT COUNT(*) AS v FROM portal_links WHERE used_at IS NULL") == "1")

            // Disabling closes sessions and voids links in the same breath.
            try await Self.execute(
                database, root: setup.root,
                "INSERT INTO portal_sessions (id_hash, portal_user_id, csrf_token, created_at, last_seen_at) VALUES ('h', \(user.id), 'c', 'x', 'x')")
            let disabled = try await ctlRun(["portal-user", "disable", String(user.id)])
            #expect(disabled.status == 0 && disabled.stdout.contains("disabled; their sessions are closed"), "\(disabled.output)")
            #expect(try await Self.scalar(database, root: setup.root, "SELECT COUNT(*) AS v FROM portal_sessions") == "0")
            #expect(try await Self.scalar(database, root: setup.root, "SELECT COUNT(*) AS v FROM portal_links WHERE used_at IS NULL") == "0")
            let noLink = try await ctlRun(["portal-user", "link", String(user.id)])
            #expect(noLink.status != 0 && noLink.stderr.contains("is disabled"), "\(noLink.stderr)")
            #expect(try await ctlRun(["portal-user", "enable", String(user.id)]).stdout.contains("enabled: invited"))

            // A locked account (five failed logins) is unlocked by staff.
            try await Self.execute(database, root: setup.root, "UPDATE portal_users SET locked_until = '2999-01-01T00:00:00Z', failed_logins = 0")
            #expect(try await setup.staff.portalUser(id: user.id).status == .locked)
            #expect(try await ctlRun(["portal-user", "unlock", String(user.id)]).stdout.contains("unlocked: invited"))

            // Technicians read but do not manage.
            let tech = try await setup.staff.createStaff(NewStaffUser(email: "t@p.example", name: "T", role: .technician))
            let techToken = try await setup.staff.createToken(NewAPIToken(label: "t", staffID: tech.id)).secret
            let refused = try await run(
                "parcctl", ["portal-user", "disable", String(user.id), "--server", setup.server.url, "--token", techToken, "--ca", setup.fingerprint])
            #expect(refused.status != 0 && refused.stderr.contains("may not invite or manage clients' portal users"), "\(refused.stderr)")
        }
    }

    static func connect(_ url: DatabaseURL, root: String) throws -> Database {
        switch url {
        case .sqlite: try Database(.sqlite(path: root + "/parc.sqlite"), logger: TestLogger.make())
        case .postgres: try Database(url, logger: TestLogger.make())
        }
    }

    static func scalar(_ url: DatabaseURL, root: String, _ sql: String) async throws -> String? {
        let database = try connect(url, root: root)
        do {
            let value = try await database.withConnection { db -> String? in
                let row = try await db.raw(SQLQueryString(sql)).first()
                if let number = try? row?.decode(column: "v", as: Int64.self) { return String(number) }
                return try row?.decode(column: "v", as: String.self)
            }
            try await database.shutdown()
            return value
        } catch {
            try? await database.shutdown()
            throw error
        }
    }

    static func execute(_ url: DatabaseURL, root: String, _ sql: String) async throws {
        let database = try connect(url, root: root)
        try await database.withConnection { db in try await db.raw(SQLQueryString(sql)).run() }
        try await database.shutdown()
    }
}
