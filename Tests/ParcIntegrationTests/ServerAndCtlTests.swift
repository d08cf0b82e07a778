import Foundation
import NIOHTTP1
import ParcAgentReporting
import ParcClient
import ParcProtocol
import ParcServer
import ParcTestSupport
import Testing

/// The real `parc-server` and `parcctl` binaries, over real TLS on 127.0.0.1.
@Suite struct ServerAndCtlTests {
    struct InitOutput: Decodable {
        var created: Bool
        var caFingerprint: String
        var caCertificatePath: String
        var managerToken: String?
    }

    @Test func initIsIdempotentAndPrintsTheCAFingerprint() async throws {
        let parent = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(parent) }
        let directory = parent + "/data"
        let first = try await run("parc-server", ["init", "--data-dir", directory, "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let report = try JSONDecoder().decode(InitOutput.self, from: Data(first.stdout.utf8))
        #expect(report.created)
        #expect(report.managerToken?.hasPrefix("parc_") == true)

        // The fingerprint is the SHA-256 of the CA's DER, as openssl reads it.
        let reading = try await run("/usr/bin/openssl", ["x509", "-in", report.caCertificatePath, "-noout", "-fingerprint", "-sha256"]).stdout
        let hex = reading.split(separator: "=").last.map {
            $0.replacingOccurrences(of: ":", with: "").lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(report.caFingerprint == "sha256:" + (hex ?? "?"))

        let attributes = try FileManager.default.attributesOfItem(atPath: directory)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        let keyAttributes = try FileManager.default.attributesOfItem(atPath: directory + "/pki/ca.key")
        #expect((keyAttributes[.posixPermissions] as? Int) == 0o600)

        let again = try await run("parc-server", ["init", "--data-dir", directory])
        #expect(again.status == 0)
        #expect(again.stdout.contains("already initialised; nothing changed"))
        #expect(!again.stdout.contains("parc_"))
        #expect(again.stdout.contains(report.caFingerprint))
    }

    /// A name given to `init` on an initialised directory is added to the server certificate (never
    /// dropped with "nothing changed"), and `cert reissue` replaces the names later; both keep the
    /// CA, so what pinned it keeps trusting the server, which then answers for the new names.
    @Test func serverNamesAddedOrReissuedUnderTheSameCA() async throws {
        struct Report: Decodable {
            var caFingerprint: String
            var hostnames: [String]
            var addedHostnames: [String]?
            var managerToken: String?
        }
        let parent = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(parent) }
        let directory = parent + "/data"
        let first = try JSONDecoder().decode(Report.self, from: Data(try await run("parc-server", ["init", "--data-dir", directory, "--json"]).stdout.utf8))
        let added = try await run("parc-server", ["init", "--data-dir", directory, "--hostname", "parc.example.fr", "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        let addedReport = try JSONDecoder().decode(Report.self, from: Data(added.stdout.utf8))
        #expect(addedReport.addedHostnames == ["parc.example.fr"] && addedReport.hostnames == ["localhost", "127.0.0.1", "parc.example.fr"])
        #expect(addedReport.caFingerprint == first.caFingerprint)
        let again = try await run("parc-server", ["init", "--data-dir", directory, "--hostname", "parc.example.fr"])
        #expect(again.status == 0 && again.stdout.contains("nothing changed") && again.stdout.contains("parc.example.fr"), "\(again.output)")

        let certificate = directory + "/pki/server.pem"
        let before = try String(contentsOfFile: certificate, encoding: .utf8)
        let bad = try await run("parc-server", ["cert", "reissue", "--data-dir", directory, "--hostname", "bad name!"])
        #expect(bad.status != 0 && bad.stderr.contains("--hostname bad name! is neither an IP address nor a DNS name"), "\(bad.stderr)")
        #expect(try String(contentsOfFile: certificate, encoding: .utf8) == before)

        let reissued = try await run("parc-server", ["cert", "reissue", "--data-dir", directory, "--hostname", "127.0.0.1", "--hostname", "parc.test"])
        #expect(reissued.status == 0 && reissued.stdout.contains("were localhost, 127.0.0.1, parc.example.fr"), "\(reissued.output)")
        #expect(reissued.stdout.contains("\(first.caFingerprint) (unchanged)"))

        // The restarted server answers with the new names, under the CA parcctl pinned.
        let server = try await ServerProcess(arguments: ["--data-dir", directory])
        let token = try #require(first.managerToken)
        let info = try await run(
            "parcctl", ["server", "info", "--server", server.url, "--token", token, "--ca", first.caFingerprint],
            environment: ["PARC_CONFIG": parent + "/parcctl.json"])
        #expect(info.status == 0 && info.stdout.contains(first.caFingerprint), "the pinned CA still verifies the server: \(info.output)")
        for (name, verified) in [("parc.test", true), ("parc.example.fr", false)] {
            let check = try await run(
                "/usr/bin/openssl",
                ["s_client", "-connect", "127.0.0.1:\(server.port)", "-CAfile", directory + "/pki/ca.pem", "-verify_hostname", name, "-verify_return_error"],
                timeout: 30)
            #expect(check.stdout.contains("Verify return code: 0 (ok)") == verified, "\(name): \(check.output.suffix(600))")
        }
        #expect(try await server.stop() == 0)
    }

    @Test(arguments: TestBackend.available)
    func parcctlCreatesAndListsAClientOverTLS(_ backend: TestBackend) async throws {
        let scratch = try await ScratchDatabase.make(backend)
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let database: String
        switch scratch.url {
        case .sqlite: database = "sqlite:\(root)/parc.sqlite"
        case .postgres(let url): database = url
        }
        let initResult = try await run("parc-server", ["init", "--data-dir", root + "/data", "--database", database, "--json"])
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let report = try JSONDecoder().decode(InitOutput.self, from: Data(initResult.stdout.utf8))
        let token = try #require(report.managerToken)

        let server = try await ServerProcess(arguments: ["--data-dir", root + "/data", "--database", database])
        let ctl: [String: String] = ["PARC_CONFIG": root + "/parcctl.json"]

        let login = try await run("parcctl", ["login", "--server", server.url, "--token", token, "--ca-fingerprint", report.caFingerprint], environment: ctl)
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout.contains("admin@parc.local"))

        let create = try await run("parcctl", ["client", "create", "acme", "--name", "ACME SA", "--siren", "552032534", "--vat-rate", "5.5"], environment: ctl)
        #expect(create.status == 0, "\(create.stderr)")
        let duplicate = try await run("parcctl", ["client", "create", "ACME", "--name", "Again"], environment: ctl)
        #expect(duplicate.status != 0)
        #expect(duplicate.stderr.contains("a client with code ACME already exists"))

        let list = try await run("parcctl", ["client", "list", "--json"], environment: ctl)
        #expect(list.status == 0, "\(list.stderr)")
        let page = try CanonicalJSON.decode(Page<Client>.self, from: Data(list.stdout.utf8))
        #expect(page.items.map(\.code) == ["ACME"])
        #expect(page.items.first?.defaultVATBasisPoints == 550)
        let table = try await run("parcctl", ["client", "list"], environment: ctl)
        #expect(table.stdout.contains("ACME SA"))
        #expect(table.stdout.contains("5.5%"))

        let enrollToken = try await run(
            "parcctl", ["enroll-token", "create", "--client", "acme", "--uses", "3", "--expires", "2d", "--json"], environment: ctl)
        #expect(enrollToken.status == 0, "\(enrollToken.stderr)")
        let created = try CanonicalJSON.decode(CreatedEnrollmentToken.self, from: Data(enrollToken.stdout.utf8))
        #expect(created.token.maxUses == 3)
        #expect(created.token.expiresAt.timeIntervalSinceNow > 47 * 3600)
        let tokens = try await run("parcctl", ["enroll-token", "list"], environment: ctl)
        #expect(tokens.stdout.contains("0/3"))
        #expect(!tokens.stdout.contains(created.secret))
        let badExpiry = try await run("parcctl", ["enroll-token", "create", "--client", "ACME", "--expires", "soon"], environment: ctl)
        #expect(badExpiry.status != 0)
        #expect(badExpiry.stderr.contains("--expires must be a duration like 12h, 7d or 2w"), "\(badExpiry.stderr)")
        #expect(try await run("parcctl", ["agent", "list"], environment: ctl).stdout.contains("0 in all"))

        // Flags and environment instead of the login file.
        let viaEnvironment = try await run(
            "parcctl", ["client", "show", "ACME", "--json"],
            environment: ["PARC_CONFIG": root + "/none.json", "PARC_SERVER": server.url, "PARC_TOKEN": token, "PARC_CA": report.caCertificatePath])
        #expect(viaEnvironment.status == 0, "\(viaEnvironment.stderr)")

        // A wrong pin is refused before the token is ever sent; a bad token is one clear line.
        let wrongPin = try await run(
            "parcctl", ["client", "list", "--server", server.url, "--token", token, "--ca", "sha256:" + String(repeating: "0", count: 64)],
            environment: ["PARC_CONFIG": root + "/none.json"])
        #expect(wrongPin.status != 0)
        #expect(wrongPin.stderr.contains("refusing to trust it"))
        let badToken = try await run("parcctl", ["client", "list", "--token", "parc_wrong"], environment: ctl)
        #expect(badToken.status != 0)
        #expect(badToken.stderr.contains("invalid"))
        #expect(badToken.stderr.split(separator: "\n").count == 1)

        #expect(try await server.stop() == 0, "\(server.log)")
        #expect(server.log.contains("parc-server stopped"))
        await scratch.remove()
    }

    /// Staff actions are logged with their metadata, as text by default and as one JSON object per line.
    @Test(arguments: ["text", "json"])
    func logsStaffActionsInEitherFormat(_ format: String) async throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let initResult = try await run("parc-server", ["init", "--data-dir", root + "/data", "--json"])
        let report = try JSONDecoder().decode(InitOutput.self, from: Data(initResult.stdout.utf8))
        let server = try await ServerProcess(arguments: ["--data-dir", root + "/data", "--log-format", format])
        let ctl: [String: String] = ["PARC_SERVER": server.url, "PARC_TOKEN": try #require(report.managerToken), "PARC_CA": report.caFingerprint]
        #expect(try await run("parcctl", ["client", "create", "LOGS", "--name", "Logs SA"], environment: ctl).status == 0)
        #expect(try await run("parcctl", ["enroll-token", "create", "--client", "LOGS"], environment: ctl).status == 0)
        let line = try #require(server.log.split(separator: "\n").first { $0.contains("enrollment token created") })
        if format == "json" {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            #expect(object["msg"] == "enrollment token created")
            #expect(object["level"] == "info")
            #expect(object["parc.client_code"] == "LOGS")
            #expect(object["hb.request.id"] != nil)
        } else {
            #expect(line.contains(" info parc.server :"))
            #expect(line.contains(" parc.client_code=LOGS "))
            #expect(line.hasSuffix(" enrollment token created"))
        }
        // The requests are counted by route, method and the status the caller got (`RequestMetricsMiddleware`).
        #expect(try await run("parcctl", ["client", "show", "NOPE"], environment: ctl).status != 0)
        let typo = try await run("parcctl", ["client", "show", "logz"], environment: ctl)
        #expect(typo.status != 0 && typo.stderr.contains("no client LOGZ (did you mean LOGS?)"), "\(typo.stderr)")
        let metrics = try await AgentTransport(caPEM: nil, identity: nil).request(.GET, server.url + "/metrics")
        let text = String(decoding: metrics.body, as: UTF8.self)
        let created = try #require(
            text.split(separator: "\n").first { $0.hasPrefix("http_server_requests_total") && $0.contains(#"http_route="/api/v1/clients""#) })
        #expect(created.contains(#"http_request_method="POST""#) && created.contains(#"http_response_status_code="201""#))
        #expect(created.hasSuffix(" 1"))
        #expect(text.contains("http_server_request_duration_seconds"))
        let missing = try #require(
            text.split(separator: "\n").first { $0.hasPrefix("http_server_requests_total") && $0.contains(#"http_route="/api/v1/clients/{code}""#) })
        #expect(missing.contains(#"http_response_status_code="404""#))
        #expect(!text.contains(#"http_response_status_code="500""#))
        // Gauges people alert on, counted at scrape time: no agent yet, no ticket, no invoice.
        for gauge in ["parc_agents_reporting 0", "parc_agents_stale 0", "parc_tickets_open 0", "parc_tickets_breached 0", "parc_invoices_overdue 0"] {
            #expect(text.contains("\n" + gauge + "\n"), "/metrics lacks \(gauge)")
        }
        // Prometheus' own checker: HELP lines, counter and unit suffixes.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/promtool") {
            let file = root + "/metrics.txt"
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            let check = try await runProgram("/bin/sh", ["-c", "/usr/bin/promtool check metrics < '\(file)'"])
            #expect(check.status == 0 && check.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "promtool: \(check.output)")
        } else {
            Issue.record("promtool is not installed (Debian's prometheus package; make test installs it): /metrics was not checked")
        }
    }

    @Test func everyProgramTeachesItsUsage() async throws {
        for program in ["parc-server", "parc-agent", "parcctl"] {
            let version = try await run(program, ["--version"])
            #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == ParcVersion.current)
            let help = try await run(program, ["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE"))
            let completion = try await run(program, ["--generate-completion-script", "bash"])
            #expect(completion.status == 0)
            #expect(completion.stdout.contains("complete"))
        }
        let unknown = try await run("parcctl", ["frobnicate"])
        #expect(unknown.status != 0)
        let badListen = try await run("parc-server", ["serve", "--data-dir", "/nonexistent/x", "--listen", "nope"])
        #expect(badListen.status != 0)
        #expect(badListen.stderr.contains("--listen must be HOST:PORT"))
    }
}
