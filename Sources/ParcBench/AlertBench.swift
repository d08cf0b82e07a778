import ArgumentParser
import Foundation
import ParcDomain
import ParcProtocol
import ParcServer
import SQLKit

/// An alert scan over a provider's whole estate: 1,000 clients with 50,000 assets (warranties spread
/// two years either side of today, computers covered by each client's contract, the rest not), a
/// contract and two licences per client (expiries spread over a year), an agent per 50 assets
/// (certificates and last contact spread), and software on one asset in five (30 packages, the
/// licensed products among them on some).
///
/// Measured: the first scan (raises everything already due), then the steady scan the server runs
/// every ten minutes (nothing new, every subject read and judged), then the next day's. The
/// reference, in the same run, is reading the assets' warranty dates alone.
struct AlertBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "An alert scan over 1,000 clients and 50,000 assets (target: < 2 s), then webhook delivery from the outbox (target: >= 200/s).",
        discussion: "Runs on a fresh SQLite file in a temporary directory, or on --database postgres://... (an empty database).")

    @Option(help: "postgres://... to measure PostgreSQL (its tables are created); default: a temporary SQLite file.")
    var database: String?
    @Option(help: "Clients, one contract and two licences each.") var clients = 1000
    @Option(help: "Assets in all.") var assets = 50_000
    @Option(help: "Steady scans measured.") var runs = 7
    @Option(help: "Warranties moved for the outbox phase (each yields a resolved and a raised webhook at most).") var webhooks = 2000

    func run() async throws {
        guard clients >= 1, assets >= clients, runs >= 1, (1...assets).contains(webhooks) else {
            throw ValidationError("need --clients >= 1, --assets >= --clients, --runs >= 1 and --webhooks from 1 to --assets")
        }
        try await withBenchStore(database) { store in
            let now = Int64(Date().timeIntervalSince1970)
            let clock = AlertClock(now: now)
            let seedStart = Date()
            try await seed(store, today: clock.today)
            let seedSeconds = Date().timeIntervalSince(seedStart)

            let first = try await store.scanAlerts(at: clock)
            var steady: [Double] = []
            var references: [Double] = []
            for _ in 0..<runs {
                let start = Date()
                let rows = try await store.database.withConnection { db in
                    try await db.raw("SELECT id, client_id, name, warranty_end FROM assets WHERE warranty_end IS NOT NULL").all().count
                }
                references.append(Date().timeIntervalSince(start))
                guard rows == assets else { throw ValidationError("read \(rows) assets, seeded \(assets)") }
                let scan = try await store.scanAlerts(at: clock)
                guard scan.raised == 0 else { throw ValidationError("a repeated scan raised \(scan.raised) alerts") }
                steady.append(Double(scan.milliseconds) / 1000)
            }
            let nextDay = try await store.scanAlerts(at: AlertClock(now: now + 86_400))
            let backend = database == nil ? "SQLite" : "PostgreSQL"
            print("Alert scans on \(backend): \(clients) clients, \(assets) assets (seeded in \(String(format: "%.1f", seedSeconds)) s)")
            print(
                String(format: "  first scan     %7.2f s  (%d raised, %d tickets)", Double(first.milliseconds) / 1000, first.raised, first.ticketsOpened))
            print(String(format: "  steady scan    median %7.3f s  max %7.3f s  (%d runs, nothing new)", median(steady), steady.max() ?? 0, runs))
            print(String(format: "  next day       %7.3f s  (%d raised, %d resolved)", Double(nextDay.milliseconds) / 1000, nextDay.raised, nextDay.resolved))
            print(
                String(
                    format: "  reference      median %7.3f s  reading the assets' warranty dates alone; ratio %.1f", median(references),
                    median(steady) / max(median(references), 0.000_001)))
            print("  target: < 2 s")
            let outbox = try await OutboxBench.measure(store, assets: webhooks, today: clock.today, now: now)
            print(
                String(
                    format: "  outbox         %d webhooks delivered in %.2f s: %.0f/s (16 in flight, receiver on loopback)", outbox.deliveries, outbox.seconds,
                    Double(outbox.deliveries) / outbox.seconds))
            print(
                String(
                    format: "  reference      the same POSTs straight from one HTTP client: %.0f/s; ratio %.2f",
                    Double(outbox.deliveries) / outbox.referenceSeconds, outbox.referenceSeconds / outbox.seconds))
            print("  target: >= 200 webhooks/s")
        }
    }

    func seed(_ store: Store, today: CalendarDay) async throws {
        let stamp = Date().formatted(.iso8601)
        _ = try await store.createStaff(NewStaffUser(email: "boss@p.example", name: "Boss", role: .manager))
        for index in 0..<clients { _ = try await store.createClient(NewClient(code: String(format: "C%04d", index), name: "Client \(index)")) }
        try await store.database.transaction { db in
            var random = SplitMix64(seed: 11)
            for client in 1...clients {
                let ends = today.adding(days: random.next(400) - 30).description
                let renews = client % 2 == 0
                try await db.raw(
                    """
                    INSERT INTO contracts (client_id, reference, title, starts_on, ends_on, status, created_at, updated_at, renewal_months, notice_days, covered_kinds)
                    VALUES (\(bind: Int64(client)), \(bind: "K-\(client)"), 'Managed services', \(bind: today.adding(days: -400).description), \(bind: ends), 'active',
                        \(bind: stamp), \(bind: stamp), \(bind: renews ? 12 : nil as Int?), \(bind: renews ? 90 : nil as Int?), 'computer')
                    """
                ).run()
                for licence in 0..<2 {
                    try await db.raw(
                        """
                        INSERT INTO licences (client_id, product, package_patterns, seats, expires_on, created_at, updated_at)
                        VALUES (\(bind: Int64(client)), \(bind: "Product \(licence)"), \(bind: "product-\(licence)*"), 10,
                            \(bind: today.adding(days: random.next(365) - 10).description), \(bind: stamp), \(bind: stamp))
                        """
                    ).run()
                }
            }
            let kinds: [AssetKind] = [.computer, .computer, .computer, .monitor, .printer, .phone]
            for start in stride(from: 0, to: assets, by: 500) {
                var query: SQLQueryString = """
                    INSERT INTO assets (client_id, kind, name, serial, status, source, warranty_end, created_at, updated_at) VALUES
                    """
                for index in start..<min(start + 500, assets) {
                    let client = Int64(index % clients + 1)
                    let warranty = today.adding(days: random.next(1460) - 730).description
                    query =
                        query + (index == start ? "" : ", ")
                            + """
                            (\(bind: client), \(bind: kinds[random.next(kinds.count)].rawValue), \(bind: "asset-\(index)"), \(bind: "SN\(index)"), 'in-use', 'manual',
                             \(bind: warranty), \(bind: stamp), \(bind: stamp))
                            """
                }
                try await db.raw(query).run()
            }
            // Software on one asset in five: 30 packages each, the licensed products among them on some.
            for start in stride(from: 0, to: assets, by: 250) {
                var query: SQLQueryString = "INSERT INTO asset_software (asset_id, manager, name, architecture, version) VALUES "
                var first = true
                for asset in stride(from: start + 1, through: min(start + 250, assets), by: 5) {
                    for package in 0..<30 {
                        let name = package < 2 && asset % 3 == 0 ? "product-\(package)-client" : "package-\(package)"
                        query = query + (first ? "" : ", ") + "(\(bind: Int64(asset)), 'dpkg', \(bind: name), 'amd64', '1.0-1')"
                        first = false
                    }
                }
                try await db.raw(query).run()
            }
            // An agent per 50 assets, with its enrollment token.
            for index in 0..<(assets / 50) {
                let client = Int64(index % clients + 1)
                let token = try await db.raw(
                    """
                    INSERT INTO enrollment_tokens (client_id, created_by, secret_hash, prefix, max_uses, uses, expires_at, created_at)
                    VALUES (\(bind: client), 1, \(bind: "hash-\(index)"), 'parce_', 1, 1, \(bind: stamp), \(bind: stamp)) RETURNING id
                    """
                ).first()!.decode(column: "id", as: Int64.self)
                let expires = today.adding(days: random.next(365)).description + "T12:00:00Z"
                let seen = today.adding(days: -random.next(20)).description + "T08:00:00Z"
                try await db.raw(
                    """
                    INSERT INTO agents (id, client_id, enrollment_token_id, hostname, agent_version, certificate_serial, certificate_expires_at, enrolled_at, last_seen_at)
                    VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: client), \(bind: token), \(bind: "host-\(index)"), '0.1.0', \(bind: "serial-\(index)"),
                        \(bind: expires), \(bind: stamp), \(bind: seen))
                    """
                ).run()
            }
        }
    }
}
