import Foundation
import ParcTestSupport
import Testing

/// The real `parc-agent` binary's own command line: help, usage errors (exit status 64, the
/// command's usage on standard error) and the completion scripts it writes for bash, zsh and fish.
@Suite struct AgentCommandLineTests {
    @Test func usageErrorsNameTheProblemAndTheUsage() async throws {
        let cases: [([String], String)] = [
            (["inventory", "--bogus"], "unknown option '--bogus'"),
            (["inventory", "--format"], "missing value for --format <format>"),
            (["inventory", "--format", "xml"], "--format must be one of text, json, not 'xml'"),
            (["inventory", "extra"], "unexpected argument 'extra'"),
            (["inventory", "-x"], "unknown option '-x'"),
            (["inventory", "--only", ""], "--only needs at least one section"),
            (["enroll", "--token", "penr_x", "--ca-fingerprint", "sha256:00"], "missing --server <url>"),
            (["enroll", "--server", "https://127.0.0.1:1", "--token", "t", "--force=yes"], "--force takes no value"),
            (["enroll", "--server", "http://127.0.0.1:1", "--token", "t", "--ca-file", "/x"], "--server must be an https:// URL"),
            (["run", "--interval", "5", "--state-dir", "/nonexistent"], "not enrolled"),
            (["frobnicate"], "unknown command 'frobnicate'; commands are inventory, enroll, report, run, status, renew"),
        ]
        for (arguments, message) in cases {
            let result = try await run("parc-agent", arguments)
            #expect(result.status == (message == "not enrolled" ? 1 : 64), "\(arguments): \(result.status)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
        let usage = try await run("parc-agent", ["inventory", "--format", "xml"]).stderr
        #expect(usage.contains("Usage: parc-agent inventory [--root <dir>] [--format <format>] [--only <sections>]"))
        #expect(usage.contains("See 'parc-agent inventory --help'"))
    }

    @Test func equalsFormAndLastValueWin() async throws {
        let result = try await run("parc-agent", ["inventory", "--format", "text", "--format=json", "--only=os"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["os"] != nil)
        #expect(object?["software"] == nil)
    }

    @Test func helpTeachesEveryCommandAndOption() async throws {
        let overview = try await run("parc-agent", ["--help"])
        #expect(overview.status == 0)
        for command in ["inventory", "enroll", "report", "run", "status", "renew"] {
            #expect(overview.stdout.contains("\n  \(command) "), "\(command) missing from --help")
        }
        #expect(try await run("parc-agent", []).stdout == overview.stdout)
        let enroll = try await run("parc-agent", ["enroll", "--help"])
        #expect(enroll.status == 0)
        #expect(try await run("parc-agent", ["help", "enroll"]).stdout == enroll.stdout)
        for option in [
            "--server <url>", "--token <token>", "--ca-fingerprint <fingerprint>", "--ca-file <file>", "--state-dir <dir>", "--config <file>", "--force",
        ] {
            #expect(enroll.stdout.contains("  \(option)"), "\(option) missing from enroll --help")
        }
        #expect(enroll.stdout.contains("USAGE: parc-agent enroll --server <url> --token <token> [--ca-fingerprint <fingerprint>]"))
        let formats = try await run("parc-agent", ["inventory", "--help"]).stdout
        #expect(formats.contains("(values: text, json)"))
        let version = try await run("parc-agent", ["--version"])
        #expect(version.status == 0 && version.stdout.first?.isNumber == true)
    }

    /// bash: the script is sourced and asked, as readline would, for the words after a prefix.
    @Test func bashCompletesCommandsOptionsAndValues() async throws {
        let script = try await run("parc-agent", ["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let path = directory + "/parc-agent.bash"
        try script.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        func complete(_ words: [String]) async throws -> [String] {
            let quoted = words.map { "'\($0)'" }.joined(separator: " ")
            let program = "source \(path); COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _parc_agent; printf '%s\\n' \"${COMPREPLY[@]}\""
            let result = try await run("/bin/bash", ["-c", program])
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").map(String.init)
        }
        #expect(try await complete(["parc-agent", "en"]) == ["enroll"])
        #expect(try await complete(["parc-agent", "inventory", "--format", ""]) == ["text", "json"])
        #expect(try await complete(["parc-agent", "inventory", "--o"]) == ["--only"])
        #expect(try await complete(["parc-agent", "enroll", "--ca-"]) == ["--ca-fingerprint", "--ca-file"])
        #expect(try await complete(["parc-agent", "help", "re"]) == ["report", "renew"])
    }

    @Test func zshAndFishScriptsParseAndFishCompletes() async throws {
        for (shell, check) in [("zsh", ["-n"]), ("fish", ["--no-execute"])] {
            guard let binary = ["/usr/bin/\(shell)", "/bin/\(shell)"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                Issue.record("\(shell) is not installed ('make test' installs it): its completion script is not checked")
                continue
            }
            let script = try await run("parc-agent", ["--generate-completion-script", shell])
            #expect(script.status == 0)
            let directory = try TemporaryDirectory.make()
            defer { TemporaryDirectory.remove(directory) }
            let path = directory + "/parc-agent.\(shell)"
            try script.stdout.write(toFile: path, atomically: true, encoding: .utf8)
            let parsed = try await run(binary, check + [path])
            #expect(parsed.status == 0, "\(shell): \(parsed.stderr)")
            if shell == "fish" {
                let offered = try await run(binary, ["-c", "source \(path); complete -C 'parc-agent inventory --format '"])
                #expect(offered.stdout.split(separator: "\n").map { $0.split(separator: "\t")[0] } == ["json", "text"])
            }
        }
        let unknown = try await run("parc-agent", ["--generate-completion-script", "tcsh"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("bash, zsh or fish"))
    }
}
