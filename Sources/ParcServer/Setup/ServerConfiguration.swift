import Foundation

/// Everything `parc-server` needs to run. The executable fills it from flags and `PARC_*`
/// environment variables; tests build it directly.
///
/// - `dataDirectory` (`--data-dir`, `PARC_DATA_DIR`): CA, server certificate and the SQLite file. Created 0700.
/// - `host`/`port` (`--listen`, `PARC_LISTEN`): where HTTPS listens; default 127.0.0.1:8443. Port 0 picks a free port.
/// - `database` (`--database`, `PARC_DATABASE`): `sqlite:PATH` or `postgres://...`; default the SQLite file in the data dir.
/// - `hostnames` (`--hostname`, `PARC_HOSTNAMES`): names and IPs the server certificate is issued for at init;
///   when `hostnamesGiven` (named by the operator, not the default), names missing from an existing
///   certificate are added to it (reissued by the same CA).
/// - `maintenanceInterval` (`--maintenance-every`, `PARC_MAINTENANCE_EVERY`): time between passes of the
///   maintenance scheduler; nil turns it off. Default one hour.
/// - `billingInterval` (`--billing-every`, `PARC_BILLING_EVERY`): time between scheduled billing runs
///   (draft invoices due today); nil, the default, leaves billing runs to people.
/// - `alertInterval` (`--alerts-every`, `PARC_ALERTS_EVERY`): time between full alert scans (dates,
///   licences, agents, devices); nil turns alerts off. Default ten minutes. SLA alerts are scanned
///   every `slaAlertInterval` (30 s) while alerts are on: a breach is told within a minute.
public struct ServerConfiguration: Sendable {
    public var dataDirectory: String
    public var host: String
    public var port: Int
    public var database: DatabaseURL
    public var hostnames: [String]
    public var hostnamesGiven = false
    public var maintenanceInterval: Duration? = .seconds(3600)
    public var billingInterval: Duration?
    public var alertInterval: Duration? = .seconds(600)
    public var slaAlertInterval: Duration = .seconds(30)
    /// How many connections may be open, and how long one may take to shake hands or stay idle.
    public var connections = ConnectionLimits()
    /// How webhooks are delivered: retry schedule, time limit, allowed private ranges, workers.
    public var webhooks = WebhookSettings()
    /// Whether this instance delivers the outbox (every instance may; tests turn it off).
    public var deliversOutbox = true

    public init(
        dataDirectory: String, host: String = "127.0.0.1", port: Int = 8443, database: DatabaseURL? = nil,
        hostnames: [String] = ["localhost", "127.0.0.1"]
    ) {
        self.dataDirectory = dataDirectory
        self.host = host
        self.port = port
        self.database = database ?? .sqlite(path: DataDirectory(dataDirectory).sqlitePath)
        self.hostnames = hostnames
    }
}

/// The files inside a data directory.
public struct DataDirectory: Sendable {
    public let path: String

    public init(_ path: String) {
        self.path = path
    }

    public var sqlitePath: String { path + "/parc.sqlite" }
    public var pkiPath: String { path + "/pki" }
    public var caCertificatePath: String { pkiPath + "/ca.pem" }
    public var caKeyPath: String { pkiPath + "/ca.key" }
    public var serverCertificatePath: String { pkiPath + "/server.pem" }
    public var serverKeyPath: String { pkiPath + "/server.key" }

    var hasPKI: Bool {
        [caCertificatePath, caKeyPath, serverCertificatePath, serverKeyPath].allSatisfy { FileManager.default.fileExists(atPath: $0) }
    }
}
