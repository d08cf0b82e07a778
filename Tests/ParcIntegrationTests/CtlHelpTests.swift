import Foundation
import ParcTestSupport
import Testing

/// parcctl's help as a newcomer reads it: connection options once, at the top, not in every
/// subcommand; examples that copy and paste whole (never wrapped inside a command line); and the
/// connection options accepted before the subcommand as well as after it.
@Suite struct CtlHelpTests {
    /// Every subcommand path, from the SUBCOMMANDS sections of the help, recursively.
    static func subcommands(_ path: [String] = []) async throws -> [[String]] {
        let help = try await run("parcctl", path + ["--help"]).stdout
        var found: [[String]] = [path]
        var inSection = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("SUBCOMMANDS:") {
                inSection = true
                continue
            }
            if inSection, let first = line.first, !first.isWhitespace { inSection = false }
            guard inSection, line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            let name = line.split(separator: " ").first.map(String.init) ?? ""
            // Subcommand names are lowercase words; "See 'parcctl help ...'" is a hint, not one.
            guard !name.isEmpty, name != "help", name.allSatisfy({ $0.isLowercase || $0 == "-" }), path.count < 4 else { continue }
            found += try await subcommands(path + [name])
        }
        return found
    }

    @Test func helpShowsConnectionOptionsOnceAndExamplesWhole() async throws {
        let commands = try await Self.subcommands()
        #expect(commands.count > 60, "\(commands.count) commands found")
        for command in commands {
            let help = try await run("parcctl", command + ["--help"]).stdout
            let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if !command.isEmpty && command != ["login"] {
                #expect(!help.contains("--server <server>"), "parcctl \(command.joined(separator: " ")) repeats the connection options")
            }
            for (index, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces).hasPrefix("parcctl ") && index + 1 < lines.count {
                let next = lines[index + 1]
                #expect(
                    next.isEmpty || next.first!.isWhitespace || next.hasSuffix(":"),
                    "parcctl \(command.joined(separator: " ")) --help wraps an example:\n\(line)\n\(next)")
            }
        }
        #expect(try await run("parcctl", ["--help"]).stdout.contains("--server URL"))
    }

    @Test func connectionOptionsBeforeTheSubcommand() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let before = try await run("parcctl", ["--server", setup.server.url, "--token", setup.managerToken, "--ca=\(setup.fingerprint)", "client", "list"])
            #expect(before.status == 0 && before.stdout.contains("ACME"), "\(before.output)")
        }
    }

    /// A mistyped command gets the nearest real one, as a mistyped option does.
    @Test func mistypedCommandsGetTheNearest() async throws {
        for (arguments, expected) in [
            (["clients", "list"], "'clients' is not a command of parcctl; did you mean 'client'?"),
            (["client", "lst"], "'lst' is not a command of parcctl client; did you mean 'list'?"),
            (["tiket", "list"], "did you mean 'ticket'?"), (["maintenance", "plan", "creat"], "did you mean 'create'?"),
        ] {
            let result = try await run("parcctl", arguments)
            #expect(result.status == 64 && result.stderr.contains(expected), "\(arguments): \(result.stderr)")
        }
        let unknown = try await run("parcctl", ["zzz"])
        #expect(unknown.status == 64 && unknown.stderr.contains("'zzz' is not a command of parcctl") && !unknown.stderr.contains("did you mean"))
    }
}
