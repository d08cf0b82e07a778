import ArgumentParser
import CompressNIO
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import ParcAgentReporting
import ParcClient
import ParcProtocol
import SwiftASN1
import X509

@main
struct ParcLoadGen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parc-loadgen",
        abstract: "Drives simulated agents against a running parc-server over real mutual TLS and reports throughput and latency.",
        discussion: """
            Creates its own client and enrollment token with the staff token, enrolls N agents (each its own key and \
            certificate), gives each one full inventory, then for --duration seconds sends check-ins: most unchanged, \
            --changed-pct with a changed software section, --full-pct full inventories (about 1,500 packages).

            Modes: new (a TLS connection per check-in, as hourly agents do), reuse (connections kept open), \
            handshake (mutual-TLS handshakes only: the floor no check-in can beat).

            Example: parc-loadgen --server https://127.0.0.1:8443 --token parc_... --ca-fingerprint sha256:... --agents 200 --duration 30
            """)

    enum Mode: String, ExpressibleByArgument, CaseIterable, Sendable { case new, reuse, handshake }

    @Option(help: "Server URL.") var server: String
    @Option(help: "A manager or technician API token.") var token: String
    @Option(help: "The server CA's sha256: fingerprint.") var caFingerprint: String
    @Option(help: "Simulated agents.") var agents: Int = 100
    @Option(help: "Seconds of load.") var duration: Int = 20
    @Option(help: "Percent of check-ins with a changed software section.") var changedPct: Double = 5
    @Option(help: "Percent of requests that are full inventories.") var fullPct: Double = 1
    @Option(help: "new, reuse or handshake.") var mode: Mode = .new
    @Option(
        help:
            "Concurrent connections. (default: 8 per core of this machine, at most 2 × agents: enough to keep server and load generator busy; more would only wait in the server's queue and measure its length)"
    )
    var concurrency: Int?
    @Option(
        help:
            "With --mode new or reuse: split --duration into this many rounds, each after a handshake round as long, and report the median of the rounds' ratios to the handshake rate (steadier than two runs on a busy machine)."
    )
    var rounds: Int = 1
    @Option(help: "parc-server's process id, to report its peak RSS (VmHWM).") var serverPid: Int32?
    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
        guard agents >= 1, duration >= 1, (0...100).contains(changedPct), (0...100).contains(fullPct), changedPct + fullPct <= 100 else {
            throw ValidationError("need agents >= 1, duration >= 1 and percentages that add up to at most 100")
        }
        guard rounds >= 1, rounds <= duration, rounds == 1 || mode != .handshake else {
            throw ValidationError("--rounds needs --mode new or reuse and at most one round per second of --duration")
        }
    }

    func run() async throws {
        let caPEM = try await CAPinning.fetchPinnedCA(server: server, fingerprint: caFingerprint)
        let staff = try StaffClient(server: server, token: token, caPEM: caPEM)
        let clientCode = "LOAD" + String(UInt32.random(in: 0...UInt32.max), radix: 36).uppercased().prefix(6)
        _ = try await staff.createClient(NewClient(code: clientCode, name: "parc-loadgen \(Date().formatted(.iso8601))"))
        let enrollment = try await staff.createEnrollmentToken(NewEnrollmentToken(client: clientCode, uses: agents, expiresInHours: 1, label: "parc-loadgen"))
        await staff.shutdown()
        log("client \(clientCode): enrolling \(agents) agents")

        let full = Workload.fullInventory()
        var simulated: [SimulatedAgent] = []
        for index in 0..<agents {
            simulated.append(try await SimulatedAgent.enroll(server: server, caPEM: caPEM, token: enrollment.secret, index: index, inventory: full))
        }
        log("giving each agent its first full inventory")
        for agent in simulated { _ = try await agent.fullReport(server: server) }

        let concurrency = self.concurrency ?? min(8 * ProcessInfo.processInfo.activeProcessorCount, max(2, agents * 2))
        log(
            "\(mode.rawValue) mode: \(concurrency) connections for \(duration) s"
                + (rounds > 1 ? " in \(rounds) rounds, each after a handshake round as long" : ""))
        let variants = changedPct > 0 ? try ChangedSoftware.variants(of: full, count: 64) : []
        let load = Workload(
            server: server, agents: simulated, mode: mode, changedFraction: changedPct / 100, fullFraction: fullPct / 100, caPEM: caPEM,
            changedSoftware: variants)
        let floor = Workload(server: server, agents: simulated, mode: .handshake, changedFraction: 0, fullFraction: 0, caPEM: caPEM, changedSoftware: [])
        var results = Workload.Results()
        var handshakes = Workload.Results()
        var ratios: [Double] = []
        // CPU of the load rounds and, apart, of the handshake rounds between them.
        var cpu = CPUTime.Counter(serverPid: serverPid)
        var handshakeCPU = CPUTime.Counter(serverPid: serverPid)
        for round in 0..<rounds {
            let seconds = duration / rounds + (round < duration % rounds ? 1 : 0)
            var floorRate = 0.0
            if rounds > 1 {
                let paired = try await handshakeCPU.counting { try await floor.run(seconds: seconds, concurrency: concurrency) }
                handshakes.merge(paired)
                handshakes.seconds += paired.seconds
                floorRate = paired.rate(.handshake)
            }
            let measured = try await cpu.counting { try await load.run(seconds: seconds, concurrency: concurrency) }
            if rounds > 1 { ratios.append(measured.rate(.unchanged) / max(floorRate, 0.001)) }
            results.merge(measured)
            results.seconds += measured.seconds
        }
        if rounds > 1 {
            results.pairedHandshakesPerSecond = handshakes.rate(.handshake)
            results.ratioToHandshake = ratios.sorted()[ratios.count / 2]
            results.pairedHandshakeCPUMs = (
                server: handshakes.cpuMsPerRequest(handshakeCPU.server), loadgen: handshakes.cpuMsPerRequest(handshakeCPU.loadgen)
            )
        }
        results.serverCPUSeconds = cpu.server
        results.loadgenCPUSeconds = cpu.loadgen
        results.serverPeakRSSMB = serverPid.flatMap(Self.peakRSSMB)
        print(json ? results.json(mode: mode) : results.table(mode: mode))
    }

    static func peakRSSMB(_ pid: Int32) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Double($0) }.map { $0 / 1024 }
        }
        return nil
    }

    func log(_ message: String) {
        if !json { print("parc-loadgen: \(message)") }
    }
}

/// CPU seconds (user + system) a process has used: the cost per request, steadier than throughput
/// on a shared machine.
enum CPUTime {
    static func of(_ pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name: state is field 3, utime 14 and stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// CPU seconds of the server (when its pid is known) and of this process over the calls to `counting`.
    struct Counter {
        let serverPid: Int32?
        var server: Double?
        var loadgen = 0.0

        init(serverPid: Int32?) {
            self.serverPid = serverPid
            server = serverPid == nil ? nil : 0
        }

        mutating func counting<T>(_ body: () async throws -> T) async rethrows -> T {
            let before = (server: serverPid.flatMap(CPUTime.of), loadgen: CPUTime.ofSelf())
            let result = try await body()
            if let start = before.server, let end = serverPid.flatMap(CPUTime.of) { server? += end - start }
            loadgen += CPUTime.ofSelf() - before.loadgen
            return result
        }
    }

    static func ofSelf() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
