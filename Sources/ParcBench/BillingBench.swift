import ArgumentParser
import Foundation
import ParcDomain
import ParcProtocol
import ParcServer
import SQLKit

/// A month's billing run for a big provider: 1,000 clients each with a contract (flat fee, 30 € per
/// covered computer, support hours), 50,000 covered computers and 10,000 time entries.
///
/// Contracts and their lines are created through the store; assets, tickets and time entries are
/// seeded in bulk (multi-row INSERTs), since registering 50,000 assets one by one would take minutes.
/// Each sample is the run for the next month (1,000 invoices); the reference, in the same run, is
/// reading the 1,000 contracts back with their lines.
struct BillingBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing",
        abstract: "A billing run over 1,000 clients, 50,000 covered assets and 10,000 time entries (target: < 10 s on SQLite).",
        discussion: "Runs on a fresh SQLite file in a temporary directory, or on --database postgres://... (an empty database).")

    @Option(help: "postgres://... to measure PostgreSQL (its tables are created); default: a temporary SQLite file.")
    var database: String?
    @Option(help: "Clients, one contract each.") var clients = 1000
    @Option(help: "Covered assets in all.") var assets = 50_000
    @Option(help: "Billable time entries in all.") var timeEntries = 10_000
    @Option(help: "Monthly runs measured (January, February, ...).") var runs = 3

    func run() async throws {
        guard clients >= 1, runs >= 1, runs <= 12 else { throw ValidationError("need --clients >= 1 and --runs from 1 to 12") }
        try await withBenchStore(database) { store in
            let seedStart = Date()
            try await seed(store)
            let seedSeconds = Date().timeIntervalSince(seedStart)
            var samples: [Double] = []
            var references: [Double] = []
            var invoices: [Int] = []
            var gross: Int64 = 0
            for month in 1...runs {
                let start = Date()
                _ = try await store.listContracts(clientCode: nil, status: nil, ListQuery(limit: 100_000))
                references.append(Date().timeIntervalSince(start))
                let monthStart = Date()
                // Billed in arrears on the 1st: the run on the 1st of the next month invoices the month.
                let asOf = CalendarDay(year: 2026, month: month, day: 1).adding(months: 1).description
                let run = try await store.runBilling(asOf: asOf, clientCode: nil, dryRun: false)
                samples.append(Date().timeIntervalSince(monthStart))
                invoices.append(run.invoices.count)
                gross = run.grossCents
            }
            print(
                "Billing runs: \(clients) clients, \(assets) covered assets, \(timeEntries) time entries (seeded in \(String(format: "%.1f", seedSeconds)) s)")
            print(
                String(format: "  monthly run    median %7.2f s  max %7.2f s", median(samples), samples.max() ?? 0)
                    + "  (invoices per run: \(invoices.map(String.init).joined(separator: ", ")); last month's total \(Money.decimal(gross)))")
            print(
                String(
                    format: "  reference      median %7.3f s  reading the contracts back with their lines; ratio %.1f", median(references),
                    median(samples) / median(references)))
            print("  target: < 10 s on SQLite")
        }
    }

    func seed(_ store: Store) async throws {
        let technician = try await store.createStaff(NewStaffUser(email: "tech@p.example", name: "Tech", role: .technician))
        var codes: [String] = []
        for index in 0..<clients {
            let code = String(format: "C%04d", index)
            codes.append(code)
            _ = try await store.createClient(NewClient(code: code, name: "Client \(index)"))
            var new = NewContract(client: code, reference: "K-\(code)", title: "Managed services", startsOn: "2026-01-01", status: .active)
            new.billing = BillingTerms(frequency: .monthly, timing: .arrears, billingDay: 1)
            let contract = try await store.createContract(new)
            _ = try await store.addContractLine(contractID: contract.id, NewContractLine(kind: .flat, description: "Managed services", unitPriceCents: 50_000))
            _ = try await store.addContractLine(
                contractID: contract.id, NewContractLine(kind: .perDevice, description: "Workstation care", unitPriceCents: 3000))
            var support = NewContractLine(kind: .supportHours, description: "Support", unitPriceCents: 7500)
            support.includedHours = 4
            _ = try await store.addContractLine(contractID: contract.id, support)
        }
        let clientIDs = try await store.database.withConnection { db in
            try await db.raw("SELECT id FROM clients ORDER BY id").all().map { try $0.decode(column: "id", as: Int64.self) }
        }
        let (assets, timeEntries, technicianID) = (self.assets, self.timeEntries, technician.id)
        try await store.database.transaction { db in
            for start in stride(from: 0, to: assets, by: 500) {
                var query: SQLQueryString = "INSERT INTO assets (client_id, kind, name, status, source, created_at, updated_at) VALUES "
                for index in start..<min(start + 500, assets) {
                    // Most in service all along; one in ten arrives during the first months.
                    let created = index % 10 == 0 ? "2026-0\(1 + index % 3)-\(10 + index % 18)T09:00:00Z" : "2025-06-01T09:00:00Z"
                    query =
                        query + (index == start ? "" : ", ")
                        + "(\(bind: clientIDs[index % clientIDs.count]), 'computer', \(bind: "pc-\(index)"), 'in-use', 'manual', \(bind: created), \(bind: created))"
                }
                try await db.raw(query).run()
            }
            // Billing reads the assets' history, which the store records with every change it makes.
            try await db.raw(
                "INSERT INTO asset_states (asset_id, at, client_id, kind, in_service) SELECT id, created_at, client_id, kind, TRUE FROM assets ORDER BY id"
            ).run()
            for (index, clientID) in clientIDs.enumerated() {
                try await db.raw(
                    """
                    INSERT INTO tickets (number, client_id, title, type, priority, status, reporter_kind, reporter_name, sla_source, sla_hours, contract_id,
                        created_at, updated_at)
                    VALUES (\(bind: "T-BENCH-\(index)"), \(bind: clientID), 'Support', 'request', 'P3', 'in-progress', 'staff', 'Bench', 'default', 'business',
                        (SELECT id FROM contracts WHERE client_id = \(bind: clientID)), '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')
                    """
                ).run()
            }
            let ticketIDs = try await db.raw("SELECT id FROM tickets ORDER BY id").all().map { try $0.decode(column: "id", as: Int64.self) }
            for start in stride(from: 0, to: timeEntries, by: 500) {
                var query: SQLQueryString = "INSERT INTO time_entries (ticket_id, technician_id, worked_on, minutes, billable, note, created_at) VALUES "
                for index in start..<min(start + 500, timeEntries) {
                    let day = "2026-0\(1 + index % 3)-\(10 + index % 18)"
                    query =
                        query + (index == start ? "" : ", ")
                        + "(\(bind: ticketIDs[index % ticketIDs.count]), \(bind: technicianID), \(bind: day), \(bind: 30 + index % 90), \(bind: index % 7 != 0), NULL, '2026-01-01T09:00:00Z')"
                }
                try await db.raw(query).run()
            }
        }
    }
}
