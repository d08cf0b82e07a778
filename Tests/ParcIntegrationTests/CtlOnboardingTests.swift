import Foundation
import ParcClient
import ParcProtocol
import ParcServer
import ParcTestSupport
import SQLKit
import Testing

/// A staff member's first steps: log in with the fingerprint as openssl prints it, see what the
/// server is, hand a technician the line that enrolls a machine, and read token states right.
@Suite struct CtlOnboardingTests {
    @Test func loginWithOpensslsFingerprintServerInfoAndAReadyEnrollLine() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let config = ["PARC_CONFIG": setup.root + "/parcctl.json"]
            // openssl x509 -noout -fingerprint -sha256 prints AB:CD:... in capitals.
            let hex = Array(setup.fingerprint.dropFirst("sha256:".count).uppercased())
            let colons = stride(from: 0, to: hex.count, by: 2).map { String(hex[$0..<$0 + 2]) }.joined(separator: ":")
            let login = try await run(
                "parcctl", ["login", "--server", setup.server.url, "--token", setup.managerToken, "--ca-fingerprint", colons], environment: config)
            #expect(login.status == 0, "\(login.stderr)")

            let info = try await run("parcctl", ["server", "info"], environment: config)
            #expect(info.status == 0, "\(info.stderr)")
            for expected in [setup.server.url, ParcVersion.current, "sqlite", setup.fingerprint] {
                #expect(info.stdout.contains(expected), "server info lacks \(expected): \(info.stdout)")
            }

            let created = try await run("parcctl", ["enroll-token", "create", "--client", "ACME"], environment: config)
            #expect(created.status == 0, "\(created.stderr)")
            let line = try #require(created.stdout.split(separator: "\n").last.map(String.init))
            #expect(
                line.hasPrefix("parc-agent enroll --server \(setup.server.url) --token penr_") && line.hasSuffix("--ca-fingerprint \(setup.fingerprint)"),
                "\(line)")
            // Pasted as printed (with a state directory of the test's own instead of /var/lib).
            let enrolled = try await run("parc-agent", Array(line.split(separator: " ").dropFirst().map(String.init)) + ["--state-dir", setup.root + "/agent"])
            #expect(enrolled.status == 0, "\(enrolled.stderr)")
        }
    }

    @Test func anExpiredTokenIsListedAsExpired() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let ctl = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            let created = try await setup.staff.createToken(NewAPIToken(label: "old laptop", expiresInDays: 1))
            let database = try Database(.sqlite(path: setup.root + "/parc.sqlite"), logger: TestLogger.make())
            try await database.withConnection { db in
                try await db.raw("UPDATE api_tokens SET expires_at = '2020-01-01T00:00:00Z' WHERE id = \(bind: created.token.id)").run()
            }
            try await database.shutdown()
            let list = try await run("parcctl", ["token", "list"] + ctl)
            #expect(list.status == 0, "\(list.stderr)")
            let row = try #require(list.stdout.split(separator: "\n").first { $0.contains("old laptop") })
            #expect(row.hasSuffix("expired"), "\(row)")
            #expect(list.stdout.split(separator: "\n").contains { $0.contains("admin@parc.local") && $0.hasSuffix("active") }, "\(list.stdout)")
        }
    }

    /// `me` wherever a technician is named; one way to write a duration (12h, 7d, 2w) on every option.
    @Test func meAndDurationsEverywhere() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let ctl = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            let created = try await run("parcctl", ["ticket", "create", "--client", "ACME", "--title", "Printer", "--technician", "me", "--json"] + ctl)
            #expect(created.status == 0, "\(created.stderr)")
            let ticket = try CanonicalJSON.decode(Ticket.self, from: Data(created.stdout.utf8))
            #expect(ticket.technicianName != nil && ticket.status == .assigned, "\(created.stdout)")
            let mine = try await run("parcctl", ["ticket", "list", "--technician", "me"] + ctl)
            #expect(mine.status == 0 && mine.stdout.contains(ticket.number), "\(mine.output)")
            let logged = try await run("parcctl", ["ticket", "log-time", ticket.number, "--minutes", "15", "--technician", "me"] + ctl)
            #expect(logged.status == 0, "\(logged.stderr)")

            let token = try await run("parcctl", ["token", "create", "--label", "two weeks", "--expires", "2w", "--json"] + ctl)
            #expect(token.status == 0, "\(token.stderr)")
            let expires = try #require(try CanonicalJSON.decode(CreatedAPIToken.self, from: Data(token.stdout.utf8)).token.expiresAt)
            #expect(abs(expires.timeIntervalSinceNow - 14 * 86_400) < 3_600)
            let old = try await run("parcctl", ["token", "create", "--label", "old spelling", "--expires-days", "90"] + ctl)
            #expect(old.status == 0, "\(old.stderr)")
            let hours = try await run("parcctl", ["token", "create", "--label", "x", "--expires", "12h"] + ctl)
            #expect(hours.status != 0 && hours.stderr.contains("whole days or weeks"), "\(hours.stderr)")
            let huge = try await run("parcctl", ["enroll-token", "create", "--client", "ACME", "--expires", "99999999999999w"] + ctl)
            #expect(huge.status != 0 && huge.stderr.contains("up to ten years"), "\(huge.stderr)")
            #expect(try await run("parcctl", ["enroll-token", "create", "--client", "ACME", "--expires", "2w"] + ctl).status == 0)
        }
    }

    /// `asset locate` finds a machine by its own serial as well as by a part's.
    @Test func locateFindsAMachinesOwnSerial() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let ctl = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            var laptop = NewAsset(client: "ACME", kind: .computer, name: "Laptop Jane")
            laptop.serial = "PC131TBF"
            let asset = try await setup.staff.createAsset(laptop)
            let found = try await run("parcctl", ["asset", "locate", "pc131tbf"] + ctl)
            #expect(found.status == 0 && found.stdout.contains("\(asset.id)") && found.stdout.contains("(the asset itself)"), "\(found.output)")
            let none = try await run("parcctl", ["asset", "locate", "NOPE-1"] + ctl)
            #expect(none.status != 0 && none.stderr.contains("no asset or part has serial NOPE-1"), "\(none.stderr)")
        }
    }

    /// Employees are named by e-mail as well as by id.
    @Test func assignByEmail() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let ctl = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            let jane = try await setup.staff.addEmployee(client: "ACME", NewEmployee(name: "Jane Doe", email: "jane@acme.example"))
            let asset = try await setup.staff.createAsset(NewAsset(client: "ACME", kind: .computer, name: "Laptop"))
            let assigned = try await run("parcctl", ["asset", "assign", String(asset.id), "--employee", "Jane@Acme.example"] + ctl)
            #expect(assigned.status == 0 && assigned.stdout.contains("assigned to Jane Doe"), "\(assigned.output)")
            #expect(try await setup.staff.asset(id: asset.id).asset.employeeID == jane.id)
            let unknown = try await run("parcctl", ["asset", "assign", String(asset.id), "--employee", "bob@acme.example"] + ctl)
            #expect(unknown.status != 0 && unknown.stderr.contains("ACME has no employee with e-mail bob@acme.example"), "\(unknown.stderr)")
        }
    }

    /// Agents are named by a unique start of their id, as 'parcctl agent list' shows them.
    @Test func agentsByAPrefixOfTheirId() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let ctl = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            let token = try await setup.enrollmentToken()
            let enrolled = try await run(
                "parc-agent",
                ["enroll", "--server", setup.server.url, "--token", token, "--ca-fingerprint", setup.fingerprint, "--state-dir", setup.root + "/a"])
            #expect(enrolled.status == 0, "\(enrolled.stderr)")
            let agentID = try #require(try await setup.staff.listAgents().items.first?.id)
            let shown = try await run("parcctl", ["agent", "show", String(agentID.prefix(8))] + ctl)
            #expect(shown.status == 0 && shown.stdout.contains(agentID), "\(shown.output)")
            let other = agentID.hasPrefix("0") ? "ffff" : "0000"
            let missing = try await run("parcctl", ["agent", "show", other] + ctl)
            #expect(missing.status != 0 && missing.stderr.contains("no agent's id starts with \(other)"), "\(missing.stderr)")
            let short = try await run("parcctl", ["agent", "revoke", "ab"] + ctl)
            #expect(short.status != 0 && short.stderr.contains("at least its first 4 characters"), "\(short.stderr)")
            let revoked = try await run("parcctl", ["agent", "revoke", String(agentID.prefix(6))] + ctl)
            #expect(revoked.status == 0 && revoked.stdout.contains("Revoked agent \(agentID)"), "\(revoked.output)")
        }
    }

    /// Tables show times on the provider's clock (the SLA calendar's zone, named in the header);
    /// JSON stays UTC.
    @Test func timesInTheProvidersZone() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let ctl = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            let zone = "America/New_York"
            #expect(try await run("parcctl", ["sla", "set", "--time-zone", zone] + ctl).status == 0)
            let created = try await run("parcctl", ["ticket", "create", "--client", "ACME", "--title", "Printer jams", "--priority", "P1"] + ctl)
            #expect(created.status == 0 && created.stdout.contains(zone), "\(created.output)")
            let json = try await run("parcctl", ["ticket", "list", "--json"] + ctl)
            let ticket = try #require(try CanonicalJSON.decode(Page<Ticket>.self, from: Data(json.stdout.utf8)).items.first)
            let due = try #require(ticket.sla.responseDueAt)
            #expect(json.stdout.contains(#""responseDueAt" : ""#) && json.stdout.contains("Z\""), "JSON stays UTC: \(json.stdout)")
            // Read independently of parcctl: Foundation's formatter in the zone.
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: zone)
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            let table = try await run("parcctl", ["ticket", "list"] + ctl)
            #expect(table.stdout.split(separator: "\n").first?.contains("DUE (\(zone))") == true, "\(table.stdout)")
            #expect(table.stdout.contains(formatter.string(from: due)), "\(table.stdout) lacks \(formatter.string(from: due))")
            let shown = try await run("parcctl", ["ticket", "show", ticket.number] + ctl)
            #expect(shown.stdout.contains("on \(formatter.string(from: ticket.createdAt)) \(zone)"), "\(shown.stdout)")
            #expect(shown.stdout.contains("response due \(formatter.string(from: due)) \(zone)"), "\(shown.stdout)")
            let clients = try await run("parcctl", ["client", "show", "ACME"] + ctl)
            #expect(clients.stdout.contains(zone), "\(clients.stdout)")
        }
    }
}
