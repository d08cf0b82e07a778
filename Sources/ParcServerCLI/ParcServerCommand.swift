import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import NIOPosix
import ParcProtocol
import ParcServer
import Prometheus

@main
struct ParcServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parc-server",
        abstract: "The Parc server: multi-client IT inventory, interventions and invoicing.",
        discussion: """
            Start with 'parc-server init --data-dir DIR' (or just 'serve', which initialises on first start),
            then use the printed manager token with parcctl.

            Every option has an environment twin: --data-dir is PARC_DATA_DIR, --listen PARC_LISTEN,
            --database PARC_DATABASE, --hostname PARC_HOSTNAMES (comma-separated), --log-level PARC_LOG_LEVEL,
            --log-format PARC_LOG_FORMAT. A flag wins over its variable.
            """,
        version: ParcVersion.current,
        subcommands: [Init.self, Serve.self, Migrate.self, CertCommand.self]
    )

    static func main() async {
        // Tasks run on the server's event loops instead of Swift's own pool: a request's handler then
        // runs on the thread that read it, with no hop to another thread and back (server CPU per
        // check-in and per handshake both fell by about a tenth). Nothing in the server blocks a
        // thread in a task for long: SQLite runs on its thread pool (but the check-in's lookup, a WAL
        // read of a few cached pages), subprocesses are awaited, long work has its own threads.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await main(nil)
    }
}

/// Options shared by every subcommand.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Data directory: CA, certificates, SQLite database. [env: PARC_DATA_DIR] (default: /var/lib/parc-server)")
    var dataDirectory: String?

    @Option(help: "sqlite:PATH or postgres://user:password@host[:port]/database. [env: PARC_DATABASE] (default: sqlite in the data directory)")
    var database: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical. [env: PARC_LOG_LEVEL] (default: info)")
    var logLevel: String?

    @Option(help: "text or json. [env: PARC_LOG_FORMAT] (default: text)")
    var logFormat: String?

    var resolvedDataDirectory: String {
        let raw = dataDirectory ?? environment("PARC_DATA_DIR") ?? "/var/lib/parc-server"
        return URL(fileURLWithPath: raw).standardizedFileURL.path
    }

    func configuration(hostnames: [String]? = nil, listen: String? = nil) throws -> ServerConfiguration {
        let directory = resolvedDataDirectory
        var database: DatabaseURL?
        if let raw = self.database ?? environment("PARC_DATABASE") {
            do { database = try DatabaseURL(parsing: raw) } catch { throw ValidationError(error.description) }
        }
        var configuration = ServerConfiguration(dataDirectory: directory, database: database)
        if let hostnames, !hostnames.isEmpty {
            configuration.hostnames = hostnames
            configuration.hostnamesGiven = true
        } else if let raw = environment("PARC_HOSTNAMES") {
            configuration.hostnames = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            configuration.hostnamesGiven = true
        }
        if let listen = listen ?? environment("PARC_LISTEN") {
            let (host, port) = try parseListen(listen)
            configuration.host = host
            configuration.port = port
        }
        return configuration
    }

    func makeLogger() throws -> Logger {
        let levelText = logLevel ?? environment("PARC_LOG_LEVEL") ?? "info"
        guard let level = Logger.Level(rawValue: levelText) else {
            throw ValidationError("unknown log level '\(levelText)': use trace, debug, info, notice, warning, error or critical")
        }
        let formatText = logFormat ?? environment("PARC_LOG_FORMAT") ?? "text"
        guard let format = ServerLogHandler.Format(rawValue: formatText) else {
            throw ValidationError("unknown log format '\(formatText)': use text or json")
        }
        LoggingSystem.bootstrap { label in
            var handler = ServerLogHandler(label: label, format: format)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "parc.server")
    }
}

func environment(_ name: String) -> String? {
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
    return value
}

/// `HOST:PORT`, `[IPv6]:PORT` or `:PORT`.
func parseListen(_ text: String) throws -> (String, Int) {
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
        throw ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:8443 (got '\(text)')")
    }
    var host = String(text[..<colon])
    if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    return (host.isEmpty ? "0.0.0.0" : host, port)
}

struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the data directory, database, CA, server certificate and a first manager token.",
        discussion: """
            Safe to run again: an initialised directory is left as it is, except that names given with --hostname \
            and missing from the server certificate are added to it (reissued by the same CA, so agents keep \
            trusting the server). The token is shown only once: keep it.
            """)

    @OptionGroup var options: CommonOptions

    @Option(name: .customLong("hostname"), help: "A DNS name or IP the server certificate covers; repeat for several. (default: localhost, 127.0.0.1)")
    var hostnames: [String] = []

    @Flag(help: "Print the result as JSON, for scripts.")
    var json = false

    func run() async throws {
        let logger = try options.makeLogger()
        let configuration = try options.configuration(hostnames: hostnames)
        let report = try await ServerSetup.initialise(configuration, logger: logger)
        if json {
            print(String(decoding: try CanonicalJSON.encode(report, pretty: true), as: UTF8.self))
        } else {
            printReport(report)
        }
    }
}

func printReport(_ report: InitialisationReport) {
    if report.created {
        print("Initialised Parc in \(report.dataDirectory)")
    } else if let added = report.addedHostnames, !added.isEmpty {
        print("\(report.dataDirectory) is already initialised; added \(added.joined(separator: ", ")) to the server certificate")
        print("  (reissued by the same CA: agents and parcctl keep trusting it; restart a running parc-server to serve it)")
    } else {
        print("\(report.dataDirectory) is already initialised; nothing changed.")
    }
    print("  database:        \(report.database)")
    print("  server names:    \(report.hostnames.joined(separator: ", "))")
    print("  CA certificate:  \(report.caCertificatePath)")
    print("  CA fingerprint:  \(report.caFingerprint)")
    if let token = report.managerToken, let email = report.managerEmail {
        print("")
        print("First manager: \(email)")
        print("  API token (shown only once, keep it safe): \(token)")
    }
}

struct CertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert", abstract: "The server's TLS certificate.", subcommands: [Reissue.self])

    struct Reissue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a new server certificate and key, signed by the existing CA.",
            discussion: """
                The CA does not change, so enrolled agents and parcctl logins keep trusting the server. The names given \
                replace the certificate's; without --hostname it is renewed for the names it has. Restart a running \
                parc-server to serve it.

                Examples:
                  parc-server cert reissue --hostname parc.example.fr --hostname 192.0.2.10
                  parc-server cert reissue              # renew for the same names, two more years
                """)

        @OptionGroup var options: CommonOptions

        @Option(name: .customLong("hostname"), help: "A DNS name or IP the certificate covers; repeat for several. (default: the current names)")
        var hostnames: [String] = []

        @Flag(help: "Print the result as JSON, for scripts.")
        var json = false

        func run() async throws {
            let logger = try options.makeLogger()
            let directory = DataDirectory(options.resolvedDataDirectory)
            let names = hostnames.isEmpty ? try ServerPKI(directory: directory).serverHostnames : hostnames
            let report = try ServerSetup.reissueServerCertificate(in: directory, hostnames: names, logger: logger)
            if json { return print(String(decoding: try CanonicalJSON.encode(report, pretty: true), as: UTF8.self)) }
            print("Reissued the server certificate in \(directory.pkiPath)")
            print("  server names:    \(report.hostnames.joined(separator: ", ")) (were \(report.previousHostnames.joined(separator: ", ")))")
            print("  valid until:     \(report.notAfter.formatted(.iso8601.year().month().day()))")
            print("  CA fingerprint:  \(report.caFingerprint) (unchanged)")
            print("Restart a running parc-server to serve it.")
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the HTTPS server (staff API, agent API, portal).",
        discussion: "Initialises the data directory on first start. Stops cleanly on SIGTERM or SIGINT.")

    @OptionGroup var options: CommonOptions

    @Option(help: "HOST:PORT to listen on; port 0 picks a free port. [env: PARC_LISTEN] (default: 127.0.0.1:8443)")
    var listen: String?

    @Option(name: .customLong("hostname"), help: "Names for the server certificate when this start creates it.")
    var hostnames: [String] = []

    @Option(
        name: .customLong("maintenance-every"),
        help:
            "Time between passes that open preventive maintenance tickets: 1h, 30m, 45s; 0 turns the scheduler off. [env: PARC_MAINTENANCE_EVERY] (default: 1h)"
    )
    var maintenanceEvery: String?

    @Option(
        name: .customLong("billing-every"),
        help:
            "Time between scheduled billing runs (draft invoices for the periods due): 1h, 24h; 0 (the default) leaves them to people. [env: PARC_BILLING_EVERY]"
    )
    var billingEvery: String?

    @Option(
        name: .customLong("alerts-every"),
        help:
            "Time between alert scans (warranties, contracts, licences, agents, invoices); SLA alerts are checked every 30s besides. 0 turns alerts off. [env: PARC_ALERTS_EVERY] (default: 10m)"
    )
    var alertsEvery: String?

    @Option(
        name: .customLong("webhook-allow"),
        help:
            "Private, loopback or link-local ranges webhooks may still be sent to, comma-separated: 10.1.2.0/24,127.0.0.1. Others are refused (they would reach into your network). [env: PARC_WEBHOOK_ALLOW] (default: none)"
    )
    var webhookAllow: String?

    @Option(
        name: .customLong("webhook-retries"),
        help:
            "When a failed webhook is tried again, counted from its first attempt: durations in s, m or h, comma-separated; then it fails for good. [env: PARC_WEBHOOK_RETRIES] (default: 5s,5m,30m,2h,5h,10h,24h)"
    )
    var webhookRetries: String?

    @Option(
        name: .customLong("webhook-timeout"),
        help: "Time one webhook attempt may take, from resolving the name to the answer: 10s, 30s. [env: PARC_WEBHOOK_TIMEOUT] (default: 10s)")
    var webhookTimeout: String?

    @Option(
        name: .customLong("max-connections"),
        help:
            "Connections open at once; more are closed as they arrive. Lowered to fit the descriptor limit, which the server raises to its hard limit at start. [env: PARC_MAX_CONNECTIONS] (default: 10000)"
    )
    var maxConnections: Int?

    @Option(
        name: .customLong("handshake-timeout"),
        help: "Time a new connection has to finish its TLS handshake: 10s, 1m. [env: PARC_HANDSHAKE_TIMEOUT] (default: 10s)")
    var handshakeTimeout: String?

    @Option(
        name: .customLong("idle-timeout"),
        help: "Time a connection may stay open without a request: 60s, 5m. [env: PARC_IDLE_TIMEOUT] (default: 60s)")
    var idleTimeout: String?

    static func webhookSettings(allow: String?, retries: String?, timeout: String?) throws -> WebhookSettings {
        var settings = WebhookSettings()
        do {
            try settings.read(allow: allow, retries: retries)
        } catch {
            throw ValidationError("--\(error)")
        }
        if let timeout {
            guard let seconds = Self.seconds(timeout), (1...300).contains(seconds) else {
                throw ValidationError("--webhook-timeout takes a duration from 1s to 5m, like 10s (got '\(timeout)')")
            }
            settings.timeout = .seconds(seconds)
        }
        return settings
    }

    func run() async throws {
        let logger = try options.makeLogger()
        var configuration = try options.configuration(hostnames: hostnames, listen: listen)
        let environment = ProcessInfo.processInfo.environment
        let maximum =
            try maxConnections ?? environment["PARC_MAX_CONNECTIONS"].map { text in
                guard let value = Int(text) else { throw ValidationError("PARC_MAX_CONNECTIONS must be a whole number (got '\(text)')") }
                return value
            } ?? 10_000
        guard (1...1_000_000).contains(maximum) else { throw ValidationError("--max-connections must be between 1 and 1000000 (got \(maximum))") }
        let handshake = handshakeTimeout ?? environment["PARC_HANDSHAKE_TIMEOUT"] ?? "10s"
        guard let handshakeSeconds = Self.seconds(handshake), (1...3600).contains(handshakeSeconds) else {
            throw ValidationError("--handshake-timeout takes a duration from 1s to 1h, like 10s (got '\(handshake)')")
        }
        let idle = idleTimeout ?? environment["PARC_IDLE_TIMEOUT"] ?? "60s"
        guard let idleSeconds = Self.seconds(idle), (1...86_400).contains(idleSeconds) else {
            throw ValidationError("--idle-timeout takes a duration from 1s to 24h, like 60s (got '\(idle)')")
        }
        let descriptors = DescriptorLimit.raiseSoftToHard()
        configuration.connections = ConnectionLimits(maximum: maximum, handshakeTimeout: .seconds(handshakeSeconds), idleTimeout: .seconds(idleSeconds))
            .fitting(descriptorLimit: descriptors)
        if configuration.connections.maximum < maximum {
            logger.notice(
                "at most \(configuration.connections.maximum) connections: the descriptor limit is \(descriptors) (raise LimitNOFILE to allow \(maximum))")
        }
        let every = maintenanceEvery ?? ProcessInfo.processInfo.environment["PARC_MAINTENANCE_EVERY"] ?? "1h"
        guard let seconds = Self.seconds(every) else {
            throw ValidationError("--maintenance-every takes a duration like 1h, 30m or 45s, or 0 to turn the scheduler off (got '\(every)')")
        }
        configuration.maintenanceInterval = seconds == 0 ? nil : .seconds(seconds)
        let billing = billingEvery ?? ProcessInfo.processInfo.environment["PARC_BILLING_EVERY"] ?? "0"
        guard let billingSeconds = Self.seconds(billing) else {
            throw ValidationError("--billing-every takes a duration like 24h or 30m, or 0 to leave billing runs to people (got '\(billing)')")
        }
        configuration.billingInterval = billingSeconds == 0 ? nil : .seconds(billingSeconds)
        let alerts = alertsEvery ?? ProcessInfo.processInfo.environment["PARC_ALERTS_EVERY"] ?? "10m"
        guard let alertSeconds = Self.seconds(alerts) else {
            throw ValidationError("--alerts-every takes a duration like 10m or 1h, or 0 to turn alerts off (got '\(alerts)')")
        }
        configuration.alertInterval = alertSeconds == 0 ? nil : .seconds(alertSeconds)
        configuration.webhooks = try Self.webhookSettings(
            allow: webhookAllow ?? environment["PARC_WEBHOOK_ALLOW"], retries: webhookRetries ?? environment["PARC_WEBHOOK_RETRIES"],
            timeout: webhookTimeout ?? environment["PARC_WEBHOOK_TIMEOUT"])
        configuration.webhooks = try Self.webhookSettings(
            allow: webhookAllow ?? environment["PARC_WEBHOOK_ALLOW"], retries: webhookRetries ?? environment["PARC_WEBHOOK_RETRIES"],
            timeout: webhookTimeout ?? environment["PARC_WEBHOOK_TIMEOUT"])
        let report = try await ServerSetup.initialise(configuration, logger: logger)
        if report.created { printReport(report) }

        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (name.replacingOccurrences(of: ".", with: "_"), labels.map { ($0.replacingOccurrences(of: ".", with: "_"), $1) })
        }
        MetricsSystem.bootstrap(factory)

        let app = try await buildApplication(configuration: configuration, logger: logger, metrics: registry) { [configuration] port in
            print("parc-server \(ParcVersion.current) listening on https://\(configuration.host):\(port) (database \(configuration.database))")
            fflush(nil)
        }
        do {
            try await app.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw ServeFailure(
                "\(configuration.host):\(configuration.port) is already in use (another parc-server, or the demo: 'make demo-stop'); "
                    + "stop it or pass --listen HOST:PORT, with port 0 for a free one")
        } catch let error as IOError where error.errnoCode == EACCES {
            throw ServeFailure(
                "not allowed to listen on \(configuration.host):\(configuration.port) (ports below 1024 need privileges); pass --listen HOST:PORT")
        }
        logger.info("parc-server stopped")
    }
}

extension Serve {
    /// `1h`, `30m`, `45s` or `0` as seconds; nil for anything else or over ten years.
    static func seconds(_ text: String) -> Int? {
        if text == "0" { return 0 }
        let units: [Character: Int] = ["h": 3600, "m": 60, "s": 1]
        guard let unit = text.last.flatMap({ units[$0] }), let value = Int(text.dropLast()), value > 0, value <= 315_360_000 / unit else { return nil }
        return value * unit
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations (serve also does this on start).")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let logger = try options.makeLogger()
        let configuration = try options.configuration()
        let database = try Database(configuration.database, logger: logger)
        do {
            let migrator = Migrator(database, logger: logger)
            let applied = try await migrator.migrate()
            let version = try await migrator.currentVersion()
            print(
                applied.isEmpty
                    ? "database \(configuration.database) is up to date (version \(version))"
                    : "applied migrations \(applied.map(String.init).joined(separator: ", ")); database \(configuration.database) is at version \(version)")
            try await database.shutdown()
        } catch {
            try? await database.shutdown()
            throw error
        }
    }
}

/// Why `serve` could not run, in a sentence (exit status 1, no usage text: the command line was right).
struct ServeFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
