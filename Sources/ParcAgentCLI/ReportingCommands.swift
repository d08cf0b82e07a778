import Dispatch
import ParcAgent
import ParcAgentReporting
import ParcProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Options every command that talks to the server shares.
struct StateOptions {
    static let options = [
        AgentOption(
            name: "state-dir", value: "dir",
            help: "Where the agent keeps its key, certificate, identity and spool. [PARC_AGENT_STATE_DIR] (default: /var/lib/parc-agent)",
            completion: .directory),
        AgentOption(
            name: "config", value: "file",
            help: "Configuration file of KEY=value lines. [env: PARC_AGENT_CONFIG] (default: /etc/parc-agent/agent.conf)",
            completion: .file),
    ]

    var stateDir: String?
    var config: String?

    init(_ arguments: AgentArguments) {
        stateDir = arguments["state-dir"]
        config = arguments["config"]
    }

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

extension ParcAgentMain {
    static let enroll = AgentCommand(
        name: "enroll",
        abstract: "Enroll this machine with a Parc server (once).",
        discussion: """
            The server's CA is trusted only if it matches --ca-fingerprint (as 'parc-server init' prints it) or
            --ca-file; never on first use. A P-256 key is made here and never leaves the machine.

            Example: parc-agent enroll --server https://parc.example:8443 --token penr_... --ca-fingerprint sha256:...
            """,
        options: [
            AgentOption(name: "server", value: "url", help: "Server URL, https://HOST:PORT.", required: true),
            AgentOption(name: "token", value: "token", help: "Enrollment token from 'parcctl enroll-token create'.", required: true),
            AgentOption(name: "ca-fingerprint", value: "fingerprint", help: "The server CA's sha256: fingerprint."),
            AgentOption(name: "ca-file", value: "file", help: "The server CA certificate file, instead of a fingerprint.", completion: .file),
        ] + StateOptions.options + [
            .flag("force", help: "Enroll again, replacing this machine's identity.")
        ],
        run: runEnroll)

    static func runEnroll(_ arguments: AgentArguments) throws {
        let server = arguments["server"] ?? ""
        let caFingerprint = arguments["ca-fingerprint"]
        let caFile = arguments["ca-file"]
        if (caFingerprint == nil) == (caFile == nil) { throw AgentUsageError("give exactly one of --ca-fingerprint or --ca-file", command: enroll) }
        if let caFingerprint, !CAFingerprint.isWellFormed(caFingerprint) {
            throw AgentUsageError("--ca-fingerprint must be sha256: followed by 64 hex digits", command: enroll)
        }
        guard server.hasPrefix("https://") else { throw AgentUsageError("--server must be an https:// URL", command: enroll) }
        let trust: Enroller.Trust = caFingerprint.map { .fingerprint($0) } ?? .caFile(caFile ?? "")
        let enroller = Enroller(
            server: server, token: arguments["token"] ?? "", trust: trust, state: StateOptions(arguments).state, hostname: hostname())
        let force = arguments.flag("force")
        let identity = try runBlocking { try await enroller.enroll(force: force) }
        print("Enrolled as agent \(identity.agentID) of client \(identity.clientCode) at \(identity.server); state in \(enroller.state.directory)")
    }

    static func hostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count - 1)
        return String(nulTerminated: buffer)
    }

    static let report = AgentCommand(
        name: "report",
        abstract: "Inventory this machine and report it to the server now.",
        discussion: """
            Sends section hashes first; only sections the server lacks are sent, gzip-compressed. When the server
            cannot be reached the report waits in the spool (exit status 75) and goes with the next one.
            """,
        options: StateOptions.options + [
            AgentOption(name: "root", value: "dir", help: "Read this directory instead of / (for tests and demos).", completion: .directory)
        ],
        run: runReport)

    static func runReport(_ arguments: AgentArguments) throws {
        let options = StateOptions(arguments)
        let inventory = InventoryCollector(root: SystemRoot(arguments["root"] ?? "/")).collect()
        let reporter = Reporter(state: options.state, spool: options.spool)
        do {
            let outcome = try runBlocking { try await reporter.report(inventory) }
            print(describe(outcome))
        } catch let spooled as Reporter.Spooled {
            for warning in spooled.warnings { writeStandardError("warning: \(warning)\n") }
            writeStandardError("parc-agent: \(spooled)\n")
            // EX_TEMPFAIL: the report is safe on disk, try again later.
            throw AgentExit(status: 75)
        }
    }

    static func describe(_ outcome: Reporter.Outcome) -> String {
        let spooled = outcome.deliveredFromSpool > 0 ? "Delivered \(outcome.deliveredFromSpool) spooled report(s). " : ""
        if outcome.sent.isEmpty {
            return spooled + "Nothing changed: check-in of \(outcome.checkInBytes) bytes; next in \(outcome.intervalSeconds) s"
        }
        return spooled
            + "Sent \(outcome.sent.map(\.rawValue).joined(separator: ", ")) (\(outcome.reportBytes) bytes gzip) after a \(outcome.checkInBytes)-byte check-in"
    }

    static let status = AgentCommand(
        name: "status",
        abstract: "Show enrollment, server, certificate, last report and spool (exit status 3 when not enrolled).",
        options: StateOptions.options,
        run: runStatus)

    static func runStatus(_ arguments: AgentArguments) throws {
        let options = StateOptions(arguments)
        let state = options.state
        guard state.isEnrolled else {
            print("Not enrolled (no identity in \(state.directory)). Run 'parc-agent enroll'.")
            throw AgentExit(status: 3)
        }
        let identity = try state.identity()
        let spool = options.spool
        print("Agent        \(identity.agentID)")
        print("Client       \(identity.clientCode)")
        print("Server       \(identity.server)")
        print("Enrolled     \(identity.enrolledAt.formatted(.iso8601))")
        if let expiry = try? Renewal(state: state).expiry() { print("Certificate  valid until \(expiry.formatted(.iso8601))") }
        print(
            "Last report  \(state.lastReport().map { "\($0.time.formatted(.iso8601)) (\($0.sent.isEmpty ? "unchanged" : $0.sent.map(\.rawValue).joined(separator: ", ")))" } ?? "never")"
        )
        print("Spool        \(spool.entries().count) report(s), \(spool.totalBytes) bytes")
    }

    static let run = AgentCommand(
        name: "run",
        abstract: "Report on a schedule until stopped (what the systemd service runs).",
        discussion: """
            Reports now, then every interval (the server's, default 1 h) with ±10% jitter; when the server is
            unreachable, reports wait in the spool and are retried with exponential backoff. SIGTERM or SIGINT
            stops it cleanly.
            """,
        options: StateOptions.options + [
            AgentOption(
                name: "interval", value: "seconds",
                help: "Seconds between reports until the server says otherwise. [PARC_AGENT_INTERVAL] (default: 3600)"),
            AgentOption(name: "root", value: "dir", help: "Read this directory instead of /.", completion: .directory),
        ],
        run: runLoop)

    static func runLoop(_ arguments: AgentArguments) throws {
        let options = StateOptions(arguments)
        let state = options.state
        guard state.isEnrolled else { throw AgentError.notEnrolled(state.directory) }
        let given = arguments["interval"] ?? options.settings["PARC_AGENT_INTERVAL"]
        guard let interval = given.map({ Int($0) }) ?? 3600, interval >= 60 else {
            throw AgentUsageError("--interval must be a number of seconds, at least 60", command: run)
        }
        let root = arguments["root"] ?? "/"
        let loop = AgentLoop(
            reporter: Reporter(state: state, spool: options.spool), defaultInterval: interval,
            collect: { InventoryCollector(root: SystemRoot(root)).collect() },
            log: { message in
                print("\(Date().formatted(.iso8601)) \(message)")
                fflush(nil)
            })
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
        try withExtendedLifetime(sources) { try runBlocking { try await task.value } }
    }

    static let renew = AgentCommand(
        name: "renew",
        abstract: "Get a new key and certificate now (reports renew automatically 30 days before expiry).",
        options: StateOptions.options,
        run: runRenew)

    static func runRenew(_ arguments: AgentArguments) throws {
        let state = StateOptions(arguments).state
        let identity = try state.identity()
        let client = try AgentHTTP.client(caPEM: try state.read(state.caPath), identity: (try state.read(state.certificatePath), try state.read(state.keyPath)))
        let expiry = try runBlocking { try await Renewal(state: state).renew(client: client, server: identity.server) }
        print("Renewed: the new certificate is valid until \(expiry.formatted(.iso8601))")
    }
}
