import ArgumentParser
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import ParcAgent
import ParcAgentReporting
import ParcProtocol

/// Options every command that talks to the server shares.
struct StateOptions: ParsableArguments {
    @Option(help: "Where the agent keeps its key, certificate, identity and spool. [PARC_AGENT_STATE_DIR] (default: /var/lib/parc-agent)")
    var stateDir: String?

    @Option(help: "Configuration file of KEY=value lines. [env: PARC_AGENT_CONFIG] (default: /etc/parc-agent/agent.conf)")
    var config: String?

    var settings: AgentSettings { AgentSettings(file: config) }

    var state: AgentState {
        AgentState(directory: stateDir ?? settings["PARC_AGENT_STATE_DIR"] ?? "/var/lib/parc-agent")
    }

    var spool: Spool {
        let settings = self.settings
        return Spool(
            directory: state.directory + "/spool",
            maximumCount: settings["PARC_AGENT_SPOOL_MAX_REPORTS"].flatMap(Int.init) ?? 100,
            maximumBytes: (settings["PARC_AGENT_SPOOL_MAX_MB"].flatMap(Int.init) ?? 64) << 20)
    }
}

/// Settings by precedence: the environment, then the configuration file (`KEY=value` lines, `#`
/// comments), then each caller's default. Flags are applied by the commands, over all of these.
struct AgentSettings {
    private var file: [String: String] = [:]

    init(file path: String?) {
        let environment = ProcessInfo.processInfo.environment
        let path = path ?? environment["PARC_AGENT_CONFIG"] ?? "/etc/parc-agent/agent.conf"
        guard let data = FileManager.default.contents(atPath: path) else { return }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            var value = String(trimmed[trimmed.index(after: equals)...]).trimmingSpacesAndQuotes()
            if value.isEmpty { continue }
            value = value.trimmingSpacesAndQuotes()
            file[String(trimmed[..<equals]).trimmingSpacesAndQuotes()] = value
        }
    }

    subscript(_ key: String) -> String? {
        if let value = ProcessInfo.processInfo.environment[key], !value.isEmpty { return value }
        return file[key]
    }
}

extension String {
    func trimmingSpacesAndQuotes() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first { text = text.dropFirst().dropLast() }
        return String(text)
    }
}

/// Runs async work from a synchronous command. The root command stays synchronous so that
/// `inventory` does not start the concurrency runtime's threads it has no use for.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    nonisolated(unsafe) var result: Result<T, any Error>?
    let done = DispatchSemaphore(value: 0)
    Task {
        do { result = .success(try await body()) } catch { result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try result!.get()
}

struct EnrollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll",
        abstract: "Enroll this machine with a Parc server (once).",
        discussion: """
            The server's CA is trusted only if it matches --ca-fingerprint (as 'parc-server init' prints it) or
            --ca-file; never on first use. A P-256 key is made here and never leaves the machine.

            Example: parc-agent enroll --server https://parc.example:8443 --token penr_... --ca-fingerprint sha256:...
            """)

    @Option(help: "Server URL, https://HOST:PORT.") var server: String
    @Option(help: "Enrollment token from 'parcctl enroll-token create'.") var token: String
    @Option(help: "The server CA's sha256: fingerprint.") var caFingerprint: String?
    @Option(help: "The server CA certificate file, instead of a fingerprint.") var caFile: String?
    @OptionGroup var state: StateOptions
    @Flag(help: "Enroll again, replacing this machine's identity.") var force = false

    func validate() throws {
        if (caFingerprint == nil) == (caFile == nil) { throw ValidationError("give exactly one of --ca-fingerprint or --ca-file") }
        if let caFingerprint, !CAFingerprint.isWellFormed(caFingerprint) {
            throw ValidationError("--ca-fingerprint must be sha256: followed by 64 hex digits")
        }
        guard server.hasPrefix("https://") else { throw ValidationError("--server must be an https:// URL") }
    }

    func run() throws {
        let trust: Enroller.Trust = caFingerprint.map { .fingerprint($0) } ?? .caFile(caFile ?? "")
        let enroller = Enroller(server: server, token: token, trust: trust, state: state.state, hostname: Self.hostname())
        let force = self.force
        let identity = try runBlocking { try await enroller.enroll(force: force) }
        print("Enrolled as agent \(identity.agentID) of client \(identity.clientCode) at \(identity.server); state in \(enroller.state.directory)")
    }

    static func hostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count - 1)
        return String(nulTerminated: buffer)
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Inventory this machine and report it to the server now.",
        discussion: "Sends section hashes first; only sections the server lacks are sent, gzip-compressed.")

    @OptionGroup var state: StateOptions
    @Option(help: "Read this directory instead of / (for tests and demos).") var root: String = "/"

    func run() throws {
        let inventory = InventoryCollector(root: SystemRoot(root)).collect()
        let reporter = Reporter(state: state.state, spool: state.spool)
        do {
            let outcome = try runBlocking { try await reporter.report(inventory) }
            print(Self.describe(outcome))
        } catch let spooled as Reporter.Spooled {
            for warning in spooled.warnings { writeStandardError("warning: \(warning)\n") }
            writeStandardError("parc-agent: \(spooled)\n")
            // EX_TEMPFAIL: the report is safe on disk, try again later.
            throw ExitCode(75)
        }
    }

    static func describe(_ outcome: Reporter.Outcome) -> String {
        let spooled = outcome.deliveredFromSpool > 0 ? "Delivered \(outcome.deliveredFromSpool) spooled report(s). " : ""
        if outcome.sent.isEmpty {
            return spooled + "Nothing changed: check-in of \(outcome.checkInBytes) bytes; next in \(outcome.intervalSeconds) s"
        }
        return spooled + "Sent \(outcome.sent.map(\.rawValue).joined(separator: ", ")) (\(outcome.reportBytes) bytes gzip) after a \(outcome.checkInBytes)-byte check-in"
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show enrollment and server.")

    @OptionGroup var state: StateOptions

    func run() throws {
        let state = self.state.state
        guard state.isEnrolled else {
            print("Not enrolled (no identity in \(state.directory)). Run 'parc-agent enroll'.")
            throw ExitCode(3)
        }
        let identity = try state.identity()
        let spool = self.state.spool
        print("Agent        \(identity.agentID)")
        print("Client       \(identity.clientCode)")
        print("Server       \(identity.server)")
        print("Enrolled     \(identity.enrolledAt.formatted(.iso8601))")
        if let expiry = try? Renewal(state: state).expiry() { print("Certificate  valid until \(expiry.formatted(.iso8601))") }
        print("Last report  \(state.lastReport().map { "\($0.time.formatted(.iso8601)) (\($0.sent.isEmpty ? "unchanged" : $0.sent.map(\.rawValue).joined(separator: ", ")))" } ?? "never")")
        print("Spool        \(spool.entries().count) report(s), \(spool.totalBytes) bytes")
    }
}

/// Writes a line for people on standard error (FileHandle is not in FoundationEssentials).
func writeStandardError(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Report on a schedule until stopped (what the systemd service runs).",
        discussion: """
            Reports now, then every interval (the server's, default 1 h) with ±10% jitter; when the server is
            unreachable, reports wait in the spool and are retried with exponential backoff. SIGTERM or SIGINT
            stops it cleanly.
            """)

    @OptionGroup var state: StateOptions
    @Option(help: "Seconds between reports until the server says otherwise. [PARC_AGENT_INTERVAL] (default: 3600)")
    var interval: Int?
    @Option(help: "Read this directory instead of /.") var root: String = "/"

    func run() throws {
        let state = self.state.state
        guard state.isEnrolled else { throw AgentError.notEnrolled(state.directory) }
        let interval = self.interval ?? self.state.settings["PARC_AGENT_INTERVAL"].flatMap(Int.init) ?? 3600
        guard interval >= 60 else { throw ValidationError("--interval must be at least 60 seconds") }
        let root = self.root
        let loop = AgentLoop(
            reporter: Reporter(state: state, spool: self.state.spool), defaultInterval: interval,
            collect: { InventoryCollector(root: SystemRoot(root)).collect() },
            log: { message in print("\(Date().formatted(.iso8601)) \(message)"); fflush(nil) })
        let task = Task { try await loop.run() }
        // Signals end the loop by cancelling its task: a sleep ends at once, a report in flight completes.
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let sources = [SIGTERM, SIGINT].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        let result = try runBlocking { try await task.value }
        _ = (result, sources)
    }
}

struct RenewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renew",
        abstract: "Get a new key and certificate now (reports renew automatically 30 days before expiry).")

    @OptionGroup var state: StateOptions

    func run() throws {
        let state = self.state.state
        let identity = try state.identity()
        let client = try AgentHTTP.client(caPEM: try state.read(state.caPath), identity: (try state.read(state.certificatePath), try state.read(state.keyPath)))
        let expiry = try runBlocking { try await Renewal(state: state).renew(client: client, server: identity.server) }
        print("Renewed: the new certificate is valid until \(expiry.formatted(.iso8601))")
    }
}
