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
}
