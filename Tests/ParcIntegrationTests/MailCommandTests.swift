import Foundation
import ParcClient
import ParcProtocol
import ParcTestSupport
import Testing

/// The relay as a manager sets it with `parcctl mail`, against a real SMTP server (aiosmtpd behind
/// STARTTLS and AUTH) and the running server's msmtp: what can be known at `set` time is refused
/// then, with the reason; a wrong password shows when `test` sends.
@Suite struct MailCommandTests {
    @Test(.enabled(if: SMTPSink.available, Comment(rawValue: SMTPSink.why)))
    func aManagerSetsChecksAndTestsTheRelay() async throws {
        let sink = try await SMTPSink()
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let (url, managerToken, fingerprint) = (setup.server.url, setup.managerToken, setup.fingerprint)
            @Sendable func ctl(_ arguments: [String], token: String? = nil) async throws -> ProgramResult {
                try await run("parcctl", arguments + ["--server", url, "--token", token ?? managerToken, "--ca", fingerprint])
            }
            let right = setup.root + "/smtp-password"
            try (SMTPSink.password + "\n").write(toFile: right, atomically: true, encoding: .utf8)
            let wrong = setup.root + "/wrong-password"
            try "not it\n".write(toFile: wrong, atomically: true, encoding: .utf8)
            let relay = [
                "mail", "set", "--host", "127.0.0.1", "--port", String(sink.port), "--from", "alertes@provider.example", "--ca-file", sink.certificate,
            ]

            let none = try await ctl(["mail", "show"])
            #expect(none.status != 0 && none.stderr.contains("no mail relay is set"), "\(none.stderr)")

            // Known at set time: nobody listening, a certificate nobody trusts, bad values.
            let closed = try await ctl(["mail", "set", "--host", "127.0.0.1", "--port", "1", "--security", "none", "--from", "alertes@provider.example"])
            #expect(closed.status != 0 && closed.stderr.contains("cannot connect"), "\(closed.stderr)")
            let untrusted = try await ctl(["mail", "set", "--host", "127.0.0.1", "--port", String(sink.port), "--from", "alertes@provider.example"])
            #expect(untrusted.status != 0 && untrusted.stderr.lowercased().contains("tls"), "\(untrusted.stderr)")
            let plainPassword = try await ctl(relay + ["--security", "none", "--user", "parc", "--password-file", right])
            #expect(plainPassword.status != 0 && plainPassword.stderr.contains("only over TLS"), "\(plainPassword.stderr)")
            let badFrom = try await ctl(["mail", "set", "--host", "127.0.0.1", "--from", "alertes at provider", "--port", "0"])
            #expect(badFrom.status != 0 && badFrom.stderr.contains("--from:") && badFrom.stderr.contains("--port"), "\(badFrom.stderr)")
            let injected = try await ctl(relay + ["--user", "parc\nhost evil.example"])
            #expect(injected.status != 0 && injected.stderr.contains("one line"), "\(injected.stderr)")
            #expect(try await ctl(["mail", "show"]).status != 0, "nothing refused was kept")

            // A wrong password passes the check (it is only tried by sending) and shows at test.
            #expect(try await ctl(relay + ["--user", "parc", "--password-file", wrong]).status == 0)
            let refused = try await ctl(["mail", "test", "--to", "jeanne@acme.example"])
            #expect(refused.status != 0 && refused.stdout.contains("authentication failed"), "\(refused.stdout) \(refused.stderr)")

            let set = try await ctl(relay + ["--user", "parc", "--password-file", right, "--from-name", "Prestataire — Alertes"])
            #expect(set.status == 0 && set.stdout.contains("parc (password set)") && !set.stdout.contains(SMTPSink.password), "\(set.stdout) \(set.stderr)")
            // Set again without a password, same user: the password is kept.
            #expect(try await ctl(relay + ["--user", "parc", "--from-name", "Prestataire — Alertes"]).status == 0)
            let shown = try CanonicalJSON.decode(MailSettings.self, from: Data(try await ctl(["mail", "show", "--json"]).stdout.utf8))
            #expect(shown.hasPassword && shown.port == sink.port && shown.security == "starttls" && shown.fromName == "Prestataire — Alertes")
            let sent = try await ctl(["mail", "test", "--to", "jeanne@acme.example"])
            #expect(sent.status == 0 && sent.stdout.contains("Sent to jeanne@acme.example"), "\(sent.stdout) \(sent.stderr)")
            let mail = try #require(sink.received.first)
            #expect(sink.received.count == 1)
            #expect(mail["rcptTos"] as? [String] == ["jeanne@acme.example"] && mail["authenticated"] as? Bool == true)
            #expect(mail["from"] as? String == "Prestataire — Alertes <alertes@provider.example>")
            #expect((mail["subject"] as? String)?.contains("test") == true)

            // Managers only.
            let tech = try await setup.staff.createStaff(NewStaffUser(email: "sam@p.example", name: "Sam Tech", role: .technician))
            let techToken = try await setup.staff.createToken(NewAPIToken(label: "laptop", staffID: tech.id)).secret
            let forbidden = try await ctl(["mail", "show"], token: techToken)
            #expect(forbidden.status != 0 && forbidden.stderr.contains("may not change the provider's settings"), "\(forbidden.stderr)")
        }
        await sink.stop()
    }

    @Test(arguments: TestBackend.available)
    func rulesSayWhoIsToldOfWhatPerClient(_ backend: TestBackend) async throws {
        try await AgentReportingTests.withSetup(backend) { setup in
            let (url, managerToken, fingerprint) = (setup.server.url, setup.managerToken, setup.fingerprint)
            @Sendable func ctl(_ arguments: [String]) async throws -> ProgramResult {
                try await run("parcctl", arguments + ["--server", url, "--token", managerToken, "--ca", fingerprint])
            }
            _ = try await setup.staff.createClient(NewClient(code: "BETA", name: "Beta"))
            _ = try await setup.staff.createStaff(NewStaffUser(email: "am@provider.example", name: "Account Manager", role: .billing))

            let set = try await ctl(["mail", "rules", "set", "--event", "alert.raised", "--to", "contact,staff:AM@provider.example"])
            #expect(set.status == 0 && set.stdout.contains("contact, staff:am@provider.example, immediate, fr"), "\(set.stdout) \(set.stderr)")
            let own = try await ctl([
                "mail", "rules", "set", "--client", "ACME", "--event", "alert.raised", "--to", "client-admins", "--digest", "--language", "en",
            ])
            #expect(own.status == 0, "\(own.stderr)")
            #expect(try await ctl(["mail", "rules", "set", "--event", "alert.resolved", "--to", "technician"]).status == 0)

            // ACME: its own rule for alert.raised, the default for alert.resolved; Beta: the defaults.
            let acme = try CanonicalJSON.decode(
                [MailRule].self, from: Data(try await ctl(["mail", "rules", "show", "--client", "ACME", "--json"]).stdout.utf8))
            #expect(acme.count == 2)
            #expect(
                acme.first { $0.event == .alertRaised }
                    == MailRule(clientCode: "ACME", event: .alertRaised, recipients: ["client-admins"], cadence: "digest", language: "en"))
            #expect(acme.first { $0.event == .alertResolved }?.clientCode == nil)
            let beta = try CanonicalJSON.decode(
                [MailRule].self, from: Data(try await ctl(["mail", "rules", "show", "--client", "BETA", "--json"]).stdout.utf8))
            #expect(beta.map(\.clientCode) == [nil, nil] && beta.first { $0.event == .alertRaised }?.recipients == ["contact", "staff:am@provider.example"])
            #expect(try await ctl(["mail", "rules", "show"]).stdout.contains("(default)"))

            // Bad input: a clear message and nothing kept.
            for (arguments, message) in [
                (["--event", "alert.raised", "--to", "everyone"], "is not contact, client-admins, technician or staff:EMAIL"),
                (["--event", "alert.raised", "--to", "staff:nobody@provider.example"], "no active staff member has the e-mail nobody@provider.example"),
                (["--event", "alert.raised", "--to", "contact", "--language", "de"], "must be fr or en"),
                (["--event", "alert.raised", "--to", "contact", "--client", "NOPE"], "NOPE"),
                (["--event", "nothing.happened", "--to", "contact"], "nothing.happened"),
            ] {
                let refused = try await ctl(["mail", "rules", "set"] + arguments)
                #expect(refused.status != 0 && refused.stderr.contains(message), "\(arguments): \(refused.stderr)")
            }
            #expect(try await setup.staff.mailRules().count == 3)

            // Removing ACME's rule brings the default back for it.
            #expect(try await ctl(["mail", "rules", "remove", "--client", "ACME", "--event", "alert.raised"]).status == 0)
            #expect(try await setup.staff.mailRules(client: "ACME").allSatisfy { $0.clientCode == nil })
            let again = try await ctl(["mail", "rules", "remove", "--client", "ACME", "--event", "alert.raised"])
            #expect(again.status != 0 && again.stderr.contains("no mail rule"), "\(again.stderr)")
        }
    }
}
