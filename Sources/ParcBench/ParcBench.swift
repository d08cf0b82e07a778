import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

@main
struct ParcBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parc-bench",
        abstract: "Parc's benchmarks. Figures are medians over repeated runs, with a reference measured in the same run.",
        subcommands: [
            AgentInventoryBench.self, ReconcileBench.self, TicketBench.self, BillingBench.self, CheckInBench.self, PortalBench.self, AlertBench.self,
            IntakeBench.self,
        ])
}

/// Times `parc-agent inventory` against `dpkg-query -W` on this machine, interleaved so both see the
/// same load, and reports wall-time medians, peak RSS (what `/usr/bin/time -f %M` prints: ru_maxrss)
/// and the ratio between them.
struct AgentInventoryBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent-inventory",
        abstract: "Full inventory of this machine vs dpkg-query -W (targets: <= 20 ms median, <= 15 MB peak RSS).")

    @Option(help: "The parc-agent binary to measure (a release build).")
    var agent: String = ".build/release/parc-agent"

    @Option(help: "Measured runs of each command, after 3 warm-up runs.")
    var runs: Int = 50

    @Option(help: "Arguments given to parc-agent.")
    var agentArguments: String = "inventory --format json"

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    struct Sample {
        var seconds: Double
        var maxRSSKiB: Int
    }

    func run() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard access(agent, X_OK) == 0 else { throw ValidationError("\(agent) is not an executable; build it with 'make release'") }
        guard access("/usr/bin/time", X_OK) == 0 else { throw ValidationError("/usr/bin/time is missing: apt-get install time") }
        let dpkgQuery = "/usr/bin/dpkg-query"
        guard access(dpkgQuery, X_OK) == 0 else { throw ValidationError("\(dpkgQuery) is missing: this benchmark needs a Debian system") }
        let agentCommand = [agent] + agentArguments.split(separator: " ").map(String.init)
        let referenceCommand = [dpkgQuery, "-W"]

        for _ in 0..<3 {
            _ = try measure(agentCommand)
            _ = try measure(referenceCommand)
        }
        var agentSamples: [Sample] = []
        var referenceSamples: [Sample] = []
        for index in 0..<runs {
            // Alternate the order so neither command always runs first after the other.
            if index % 2 == 0 {
                agentSamples.append(try measure(agentCommand))
                referenceSamples.append(try measure(referenceCommand))
            } else {
                referenceSamples.append(try measure(referenceCommand))
                agentSamples.append(try measure(agentCommand))
            }
        }
        let packages = try countPackages()
        let size = ((try? FileManager.default.attributesOfItem(atPath: agent))?[.size] as? NSNumber)?.intValue ?? 0
        let agentMedian = median(agentSamples.map(\.seconds)) * 1000
        let referenceMedian = median(referenceSamples.map(\.seconds)) * 1000
        // Each run's ratio to the dpkg-query run beside it: the machine's load drifts, a pair shares it.
        let pairedRatio = median(zip(agentSamples, referenceSamples).map { $0.seconds / $1.seconds })
        let result: [String: Any] = [
            "runs": runs,
            "installedPackages": packages,
            "agentMedianMs": round2(agentMedian),
            "agentP90Ms": round2(percentile(agentSamples.map(\.seconds), 0.9) * 1000),
            "agentPeakRSSMB": round2(Double(agentSamples.map(\.maxRSSKiB).max() ?? 0) / 1024),
            "dpkgQueryMedianMs": round2(referenceMedian),
            "dpkgQueryPeakRSSMB": round2(Double(referenceSamples.map(\.maxRSSKiB).max() ?? 0) / 1024),
            "ratioToDpkgQuery": round2(agentMedian / referenceMedian),
            "pairedRatioMedian": round2(pairedRatio),
            "agentBinaryMB": round2(Double(size) / 1_048_576),
        ]
        if json {
            let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("parc-agent \(agentArguments) vs dpkg-query -W, \(runs) runs each, \(packages) installed packages")
            print(
                String(
                    format: "  parc-agent   median %7.2f ms  p90 %7.2f ms  peak RSS %6.2f MB", agentMedian, percentile(agentSamples.map(\.seconds), 0.9) * 1000,
                    Double(agentSamples.map(\.maxRSSKiB).max() ?? 0) / 1024))
            print(
                String(
                    format: "  dpkg-query   median %7.2f ms                  peak RSS %6.2f MB", referenceMedian,
                    Double(referenceSamples.map(\.maxRSSKiB).max() ?? 0) / 1024))
            print(
                String(
                    format: "  ratio        %.2f x dpkg-query (median of paired runs %.2f); binary %.1f MB", agentMedian / referenceMedian, pairedRatio,
                    Double(size) / 1_048_576))
        }
    }

    /// Runs a command with output to /dev/null: wall time from spawn to exit, and its peak RSS as
    /// GNU time reports it. The RSS comes from a second run under `/usr/bin/time -f %M`: a child's
    /// ru_maxrss starts from the high-water mark of the process that spawned it, so it must be a small one.
    func measure(_ command: [String]) throws -> Sample {
        let seconds = try spawn(command).seconds
        let output = "/tmp/parc-bench-rss-\(getpid())"
        defer { unlink(output) }
        _ = try spawn(["/usr/bin/time", "-f", "%M", "-o", output] + command)
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard let kib = Int(text.split(separator: "\n").last ?? "") else { throw ValidationError("could not read /usr/bin/time's output: \(text)") }
        return Sample(seconds: seconds, maxRSSKiB: kib)
    }

    func spawn(_ command: [String]) throws -> Sample {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let spawned = posix_spawn(&pid, command[0], &actions, nil, &arguments, environ)
        guard spawned == 0 else { throw ValidationError("cannot run \(command[0]): error \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid else { throw ValidationError("wait4 failed for \(command[0])") }
        let elapsed = ContinuousClock.now - start
        guard status == 0 else { throw ValidationError("\(command.joined(separator: " ")) exited with status \(status)") }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Sample(seconds: seconds, maxRSSKiB: Int(usage.ru_maxrss))
    }

    func countPackages() throws -> Int {
        let pipe = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/dpkg-query")
        process.arguments = ["-W", "-f", "${db:Status-Abbrev}\n"]
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return output.split(separator: "\n").filter { $0.dropFirst().hasPrefix("i") }.count
    }
}
