import Foundation
import Logging
import ParcDomain
import ParcProtocol
import ServiceLifecycle

/// Background work the server repeats on its own: a pass once the database is migrated (which
/// catches up after downtime), then one every `interval`. Each job's passes are idempotent, so
/// several servers may run them at once.
struct ScheduledJob: Service {
    let name: String
    let store: Store
    let interval: Duration
    let logger: Logger
    /// One pass; returns what to log when it did something.
    let pass: @Sendable (Store) async throws -> String?

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await Migrator(store.database, logger: logger).waitForLatest()
                while true {
                    do {
                        if let done = try await pass(store) { logger.info("\(name): \(done)") }
                    } catch {
                        logger.error("\(name) failed", metadata: ["error": "\(error)"])
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {}
    }

    /// Opens the maintenance tickets due.
    static func maintenance(store: Store, interval: Duration, logger: Logger) -> ScheduledJob {
        ScheduledJob(name: "maintenance scheduler", store: store, interval: interval, logger: logger) { store in
            let run = try await store.runMaintenance(asOf: Timestamp.day(Date()))
            return run.opened.isEmpty ? nil : "opened \(run.opened.count) ticket(s): \(run.opened.joined(separator: " "))"
        }
    }

    /// Creates the draft invoices due today (drafts only: issuing stays a person's decision).
    static func billing(store: Store, interval: Duration, logger: Logger) -> ScheduledJob {
        ScheduledJob(name: "billing run", store: store, interval: interval, logger: logger) { store in
            let run = try await store.runBilling(asOf: Timestamp.day(Date()), clientCode: nil, dryRun: false)
            return run.invoices.isEmpty ? nil : "\(run.invoices.count) draft invoice(s), total \(run.grossCents) cents"
        }
    }

    /// Raises and resolves the alerts of `kinds` (see `AlertRules`).
    static func alerts(store: Store, kinds: Set<AlertKind>, name: String, interval: Duration, logger: Logger) -> ScheduledJob {
        ScheduledJob(name: name, store: store, interval: interval, logger: logger) { store in
            let scan = try await store.scanAlerts(at: AlertClock(now: Int64(Date().timeIntervalSince1970)), kinds: kinds)
            guard scan.raised + scan.resolved > 0 else { return nil }
            return "\(scan.raised) alert(s) raised, \(scan.resolved) resolved, \(scan.ticketsOpened) ticket(s) opened in \(scan.milliseconds) ms"
        }
    }

    /// Sends each recipient's digest of a day once the day (UTC) is over.
    static func digests(store: Store, interval: Duration, logger: Logger) -> ScheduledJob {
        ScheduledJob(name: "mail digests", store: store, interval: interval, logger: logger) { store in
            let made = try await store.gatherDigests(today: MailRules.digestDay(unixSeconds: Int64(Date().timeIntervalSince1970)))
            return made == 0 ? nil : "\(made) digest(s) queued"
        }
    }
}
