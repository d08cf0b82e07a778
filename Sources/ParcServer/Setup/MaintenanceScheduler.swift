import Foundation
import Logging
import ParcProtocol
import ServiceLifecycle

/// Opens preventive maintenance tickets on schedule: one pass once the database is migrated (which
/// catches up after downtime), then one every `interval`. Passes are idempotent, so several
/// servers may run it at once.
struct MaintenanceScheduler: Service {
    let store: Store
    let interval: Duration
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while try await Migrator(store.database, logger: logger).currentVersion() < Migrator.latestVersion {
                    try await Task.sleep(for: .milliseconds(500))
                }
                while true {
                    await pass()
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {}
    }

    func pass() async {
        do {
            let run = try await store.runMaintenance(asOf: Timestamp.day(Date()))
            if !run.opened.isEmpty {
                logger.info("maintenance tickets opened", metadata: ["parc.count": "\(run.opened.count)", "parc.tickets": "\(run.opened.joined(separator: " "))"])
            }
        } catch {
            logger.error("maintenance scheduling failed", metadata: ["error": "\(error)"])
        }
    }
}
