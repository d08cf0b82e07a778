import ArgumentParser
import Foundation
import Logging
import ParcProtocol
import ParcServer

/// What reconciling a report costs when its software section is unchanged and when ten of its
/// packages changed, on a machine with 1,500 packages: the store reads what it holds once and
/// writes only the changes, so the two should cost nearly the same.
struct ReconcileBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Store and reconcile a 1,500-package software section: unchanged vs ten changes (median ms and ratio).",
        discussion: "Runs on a fresh SQLite file in a temporary directory, or on --database postgres://... (an empty database).")

    @Option(help: "postgres://... to measure PostgreSQL (its tables are created); default: a temporary SQLite file.")
    var database: String?
    @Option(help: "Measured reports of each kind, interleaved.") var runs: Int = 40
    @Option(help: "Installed packages on the simulated machine.") var packages: Int = 1500
    @Flag(help: "Print one JSON object.") var json = false

    func run() async throws {
        guard runs >= 1, packages >= 20 else { throw ValidationError("need --runs >= 1 and --packages >= 20") }
        let result = try await withBenchStore(database) { store in try await measure(store) }
        print(json ? result.json : result.table)
    }

    struct Result {
        var runs: Int
        var packages: Int
        var unchangedMs: Double
        var changedMs: Double

        var table: String {
            """
            store + reconcile a \(packages)-package software section, \(runs) reports of each kind
              unchanged    median \(String(format: "%7.2f", unchangedMs)) ms
              10 changes   median \(String(format: "%7.2f", changedMs)) ms
              ratio        \(String(format: "%.2f", changedMs / unchangedMs)) x unchanged
            """
        }

        var json: String {
            let object: [String: Any] = [
                "runs": runs, "packages": packages, "unchangedMedianMs": (unchangedMs * 100).rounded() / 100,
                "tenChangesMedianMs": (changedMs * 100).rounded() / 100, "ratio": (changedMs / unchangedMs * 100).rounded() / 100,
            ]
            return String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
        }
    }

    func measure(_ store: Store) async throws -> Result {
        let staff = try await store.createStaff(NewStaffUser(email: "bench@parc.local", name: "Bench", role: .manager))
        let code = "BENCH" + String(UInt16.random(in: 0...UInt16.max), radix: 36).uppercased()
        _ = try await store.createClient(NewClient(code: code, name: "parc-bench"))
        let token = try await store.createEnrollmentToken(clientCode: code, maxUses: 1, expiresInHours: 1, label: nil, createdBy: staff.id)
        let serial = String(UInt64.random(in: 1...UInt64.max), radix: 16)
        _ = try await store.enroll(secret: token.secret, hostname: "bench", agentVersion: "bench") { _, _ in ("pem", serial, Date().addingTimeInterval(3600)) }

        var inventory = Inventory(agentVersion: "bench", collectedAt: Date())
        var system = SystemSection(source: "smbios")
        (system.manufacturer, system.product, system.serial) = ("LENOVO", "20L8S07A14", "BENCH-\(serial)")
        inventory.system = system
        var software = (0..<packages).map { SoftwarePackage(name: "package-\($0)", version: "1.\($0 % 17)-1", manager: "dpkg") }
        inventory.software = SoftwareSection(packages: software)
        try await report(store, serial: serial, inventory)

        var unchanged: [Double] = []
        var changed: [Double] = []
        let onlySoftware = { (packages: [SoftwarePackage]) -> Inventory in
            var partial = Inventory(agentVersion: "bench", collectedAt: Date())
            partial.software = SoftwareSection(packages: packages)
            return partial
        }
        for run in 0..<runs {
            unchanged.append(try await report(store, serial: serial, onlySoftware(software)))
            for index in 0..<10 { software[(run * 10 + index * 97) % software.count].version += "+b\(run)" }
            changed.append(try await report(store, serial: serial, onlySoftware(software)))
        }
        return Result(runs: runs, packages: packages, unchangedMs: median(unchanged), changedMs: median(changed))
    }

    /// Milliseconds to store the report and reconcile it, as the report route does after decoding.
    @discardableResult
    func report(_ store: Store, serial: String, _ inventory: Inventory) async throws -> Double {
        let agent = try await store.authenticateAgent(certificateSerial: serial)
        let start = ContinuousClock.now
        let sections = try inventory.sectionPayloads().sorted { $0.key.rawValue < $1.key.rawValue }.map { section, bytes in
            (section: section, hash: Inventory.sectionHash(bytes), content: String(decoding: bytes, as: UTF8.self))
        }
        _ = try await store.scoped(to: agent.scope).storeReport(
            agent: agent, reportKey: nil, inventory: inventory, sections: sections, bodyBytes: 0, wireBytes: 0)
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
