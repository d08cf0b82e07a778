import Foundation
import ParcTestSupport
import Testing

/// Errors that say what to do: a server that is down is reported at once, an address without a
/// scheme is taken as https, a refused token sends the user to 'parcctl login', and a port in use
/// is named with the way out.
@Suite struct ErrorMessageTests {
    @Test func errorsThatTeach() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let pin = setup.fingerprint
            // Nothing listens on a port the server held and gave back.
            let closed = try TemporaryDirectory.make()
            defer { TemporaryDirectory.remove(closed) }
            let down = try await run(
                "parcctl", ["--server", "https://127.0.0.1:1", "--token", setup.managerToken, "--ca", pin, "client", "list"],
                environment: ["PARC_CONFIG": closed + "/none.json"], timeout: 5)
            #expect(down.status != 0 && down.stderr.contains("is parc-server running there?"), "\(down.stderr)")

            let config = ["PARC_CONFIG": closed + "/parcctl.json"]
            let address = setup.server.url.replacingOccurrences(of: "https://", with: "")
            let bare = try await run("parcctl", ["login", "--server", address, "--token", setup.managerToken, "--ca-fingerprint", pin], environment: config)
            #expect(bare.status == 0 && bare.stdout.contains("Logged in to \(setup.server.url)"), "\(bare.output)")
            let plain = try await run("parcctl", ["login", "--server", "http://" + address, "--token", setup.managerToken, "--ca-fingerprint", pin])
            #expect(plain.status != 0 && plain.stderr.contains("HTTPS only: use \(setup.server.url)"), "\(plain.stderr)")

            let refused = try await run("parcctl", ["client", "list", "--token", "parc_" + String(repeating: "x", count: 43)], environment: config)
            #expect(refused.status != 0 && refused.stderr.contains("run 'parcctl login' again"), "\(refused.stderr)")

            let taken = try await run("parc-server", ["serve", "--data-dir", setup.root + "/data", "--listen", "127.0.0.1:\(setup.server.port)"], timeout: 60)
            #expect(taken.status == 1 && taken.stderr.contains("127.0.0.1:\(setup.server.port) is already in use"), "\(taken.stderr)")
            #expect(!taken.stderr.contains("bind(descriptor"))
        }
    }

    /// The server names JSON fields; parcctl says which of the user's flags was wrong.
    @Test func errorsNameTheFlagsNotTheAPIFields() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let ctl = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            let cases: [([String], String)] = [
                (
                    ["contract", "create", "--client", "ACME", "--reference", "Z", "--title", "t", "--starts-on", "2026-13-01"],
                    "Error: --starts-on must be a date written YYYY-MM-DD (got 2026-13-01)\n"
                ),
                (
                    ["contract", "create", "--client", "ACME", "--reference", "Z", "--title", "t", "--starts-on", "2026-02-01", "--ends-on", "2026-01-01"],
                    "Error: --ends-on must not be before --starts-on (2026-02-01)\n"
                ),
                (
                    ["asset", "create", "--client", "ACME", "--kind", "computer", "--name", "x", "--purchase-date", "2026-02-30"],
                    "Error: --purchase-date must be a date written YYYY-MM-DD (got 2026-02-30)\n"
                ),
                (
                    [
                        "maintenance", "plan", "create", "--client", "ACME", "--name", "n", "--every", "0", "--unit", "months", "--starts-on", "2026-01-01",
                        "--asset", "1", "--kind", "computer",
                    ],
                    "Error: --asset: give either the assets (--asset) or a kind of asset, not both; --every must be from 1 to 1000\n"
                ),
                (["employee", "add", "--client", "ACME", "--name", "Jane", "--email", "not-an-address"], "Error: --email is not an email address\n"),
                (["sla", "set", "--hours", "25-08"], "Error: --hours must be a time written HH:MM (got 25); --hours must be a time written HH:MM (got 08)\n"),
                (["ticket", "create", "--client", "ACME", "--title", " "], "Error: --title must not be empty\n"),
                (
                    ["token", "create", "--label", "x", "--expires", "9999d"],
                    "Error: --expires must be a duration like 12h, 7d or 2w, up to ten years (got '9999d')\n"
                ),
            ]
            for (arguments, expected) in cases {
                let result = try await run("parcctl", arguments + ctl)
                #expect(result.status != 0 && result.stderr == expected, "parcctl \(arguments.joined(separator: " ")): \(result.stderr)")
                #expect(!result.stderr.contains("(field:") && !result.stderr.contains("Usage: parcctl <subcommand>"), "\(result.stderr)")
            }
        }
    }
}
