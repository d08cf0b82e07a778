import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import ParcDomain
import ParcProtocol
import ParcServer
import SQLKit
import ServiceLifecycle

/// What the client portal costs on a big estate: 50,000 assets and 100,000 tickets, most of them of
/// the one client whose users sign in. Every page (and the JSON API's lists) is asked for by a
/// client admin, a member and a billing contact over HTTPS to the real server running in this
/// process (keep-alive, loopback): the time measured is the request's, from the client, so it
/// bounds the server's time from above. The reference, in the same run, is `GET /healthz`.
///
/// Then the sign-ins' cost to agents: check-ins through the store in rounds alternating between
/// quiet and with sign-ins running at `--logins-per-second` (bcrypt, cost 10, on its own threads).
struct PortalBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal",
        abstract: "Portal pages on 50,000 assets / 100,000 tickets (target: p95 < 100 ms), and check-ins while users sign in.",
        discussion: "Runs on a fresh SQLite file in a temporary directory. Seeding takes a minute or two.")

    @Option(help: "Assets in all.") var assets = 50_000
    @Option(help: "Tickets in all.") var tickets = 100_000
    @Option(help: "Requests of each page, interleaved.") var runs = 30
    @Option(help: "Sign-ins per second during the check-in rounds.") var loginsPerSecond = 20
    @Option(help: "Check-ins offered per second in the paced rounds, as a server with spare capacity has them (0: none).") var checkInRate = 2000
    @Option(help: "Agents checking in, each once per round.") var agents = 500
    @Option(help: "Rounds of check-ins of each kind (quiet, with sign-ins), alternated.") var rounds = 6
    @Flag(help: "Print one JSON object.") var json = false

    static let password = "correct horse battery staple"

    func run() async throws {
        guard assets >= 1000, tickets >= 1000, runs >= 5, loginsPerSecond >= 1, agents >= 1, rounds >= 1, (0...100_000).contains(checkInRate) else {
            throw ValidationError("need --assets and --tickets >= 1000, --runs >= 5, and --logins-per-second, --agents, --rounds >= 1")
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("parc-bench-portal-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        var logger = Logger(label: "parc-bench")
        logger.logLevel = .error
        let databaseURL = try DatabaseURL(parsing: "sqlite:\(root)/parc.sqlite")
        var configuration = ServerConfiguration(dataDirectory: root + "/data", port: 0, database: databaseURL)
        (configuration.maintenanceInterval, configuration.billingInterval) = (nil, nil)
        let report = try await ServerSetup.initialise(configuration, logger: logger)

        let database = try Database(databaseURL, logger: logger)
        let store = Store(database)
        let seedStart = Date()
        let (seeded, seedSeconds, logins): (Seeded, Double, LoginEffect)
        do {
            seeded = try await seed(store)
            seedSeconds = Date().timeIntervalSince(seedStart)
            logins = try await checkInsWhileSigningIn(store, email: seeded.memberEmail)
            try await database.shutdown()
        } catch {
            try? await database.shutdown()
            throw error
        }

        let (ports, listening) = AsyncStream<Int>.makeStream()
        let app = try await buildApplication(configuration: configuration, logger: logger) { listening.yield($0) }
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let server = Task { try await services.run() }
        defer { server.cancel() }
        var port = 0
        for await value in ports {
            port = value
            break
        }
        let client = try Client(base: "https://127.0.0.1:\(port)", caPEM: try String(contentsOfFile: report.caCertificatePath, encoding: .utf8))
        do {
            let pages = try await measurePages(client, seeded)
            try await client.close()
            await services.triggerGracefulShutdown()
            _ = try? await server.value
            output(pages: pages, logins: logins, seedSeconds: seedSeconds)
        } catch {
            try? await client.close()
            await services.triggerGracefulShutdown()
            throw error
        }
    }

    // MARK: - Seeding

    struct Seeded: Sendable {
        var adminEmail = "admin@big.example"
        var memberEmail = "member@big.example"
        var billingEmail = "billing@big.example"
        var memberAsset: Int64 = 0
        var memberTicket: Int64 = 0
        var anyAsset: Int64 = 0
        var anyTicket: Int64 = 0
        var invoice: Int64 = 0
        var contract: Int64 = 0
    }

    func seed(_ store: Store) async throws -> Seeded {
        var seeded = Seeded()
        for index in 0..<10 { _ = try await store.createClient(NewClient(code: index == 0 ? "BIG" : String(format: "C%02d", index), name: "Client \(index)")) }
        var people: [PortalRole: Employee] = [:]
        for (role, email) in [(PortalRole.clientAdmin, seeded.adminEmail), (.member, seeded.memberEmail), (.billing, seeded.billingEmail)] {
            people[role] = try await store.addEmployee(clientCode: "BIG", NewEmployee(name: "\(role.rawValue) of BIG", email: email))
        }
        let memberID = people[.member]!.id
        let stamp = Date().formatted(.iso8601)
        let today = CalendarDay(String(stamp.prefix(10)))!
        try await store.database.transaction { db in
            // 2,000 more employees of BIG to hold equipment.
            for start in stride(from: 0, to: 2000, by: 500) {
                var query: SQLQueryString = "INSERT INTO employees (client_id, name, email, created_at, updated_at) VALUES "
                for index in start..<(start + 500) {
                    query =
                        query + (index == start ? "" : ", ")
                        + "(1, \(bind: "Employee \(index)"), \(bind: "e\(index)@big.example"), \(bind: stamp), \(bind: stamp))"
                }
                try await db.raw(query).run()
            }
            // Nine assets in ten are BIG's; warranties spread over two years either side of today.
            var random = SplitMix64(seed: 7)
            let kinds: [AssetKind] = [.computer, .computer, .computer, .monitor, .printer, .phone, .networkDevice, .peripheral]
            for start in stride(from: 0, to: assets, by: 500) {
                var query: SQLQueryString = """
                    INSERT INTO assets (client_id, kind, name, manufacturer, model, serial, status, source, employee_id, warranty_end, created_at, updated_at) VALUES
                    """
                for index in start..<min(start + 500, assets) {
                    let client = index % 10 == 9 ? Int64(2 + random.next(9)) : 1
                    let holder: Int64? = client == 1 ? (index < 20 ? memberID : random.next(3) == 0 ? nil : Int64(4 + random.next(2000))) : nil
                    let warranty = today.adding(days: random.next(1460) - 730).description
                    query =
                        query + (index == start ? "" : ", ")
                            + """
                            (\(bind: client), \(bind: kinds[random.next(kinds.count)].rawValue), \(bind: "asset-\(index)"), 'Dell', \(bind: "Model \(index % 40)"),
                             \(bind: "SN\(index)"), 'in-use', 'manual', \(bind: holder), \(bind: warranty), \(bind: stamp), \(bind: stamp))
                            """
                }
                try await db.raw(query).run()
            }
            // Nine tickets in ten are BIG's; 500 reported by the member, one in five about an asset.
            let statuses: [TicketStatus] = [.closed, .closed, .closed, .closed, .resolved, .closed, .new, .assigned, .inProgress, .waitingForClient]
            for start in stride(from: 0, to: tickets, by: 500) {
                var query: SQLQueryString = """
                    INSERT INTO tickets (number, client_id, title, type, priority, status, reporter_kind, reporter_name, reporter_employee_id, sla_source,
                        sla_hours, created_at, updated_at) VALUES
                    """
                for index in start..<min(start + 500, tickets) {
                    let client = index % 10 == 9 ? Int64(2 + random.next(9)) : 1
                    let byMember = client == 1 && index < 5000 && index % 10 == 0
                    let created = Date().addingTimeInterval(-Double(random.next(60_000_000))).formatted(.iso8601)
                    // The member's first ticket takes comments below: open, whatever the draw.
                    let drawn = statuses[random.next(statuses.count)]
                    let status = index == 0 ? TicketStatus.inProgress : drawn
                    query =
                        query + (index == start ? "" : ", ")
                            + """
                            (\(bind: "T-BENCH-\(index)"), \(bind: client), \(bind: "Ticket \(index)"), 'incident', \(bind: TicketPriority.allCases[random.next(4)].rawValue),
                             \(bind: status.rawValue), 'employee', 'Bench', \(bind: byMember ? memberID : nil), 'default', 'business',
                             \(bind: created), \(bind: created))
                            """
                }
                try await db.raw(query).run()
            }
            for start in stride(from: 1, through: tickets, by: 2500) {
                var query: SQLQueryString = "INSERT INTO ticket_assets (ticket_id, asset_id) VALUES "
                for (offset, ticket) in stride(from: start, to: min(start + 2500, tickets + 1), by: 5).enumerated() {
                    query = query + (offset == 0 ? "" : ", ") + "(\(bind: Int64(ticket)), \(bind: Int64(1 + (ticket * 7) % assets)))"
                }
                try await db.raw(query).run()
            }
        }
        seeded.memberAsset = 1
        // Row index i is BIG's when i % 10 != 9; ids are i + 1.
        seeded.anyAsset = Int64(assets / 20 * 10 + 1)
        seeded.memberTicket = 1
        seeded.anyTicket = Int64(tickets / 20 * 10 + 1)
        // A few public comments and time on the member's first ticket, through the store.
        let technician = try await store.createStaff(NewStaffUser(email: "tech@p.example", name: "Tech", role: .technician))
        for index in 0..<5 {
            _ = try await store.addTicketComment(id: 1, NewTicketComment(body: "Comment \(index)", isPublic: index % 2 == 0), by: .staff(technician))
        }
        _ = try await store.logTime(ticketID: 1, NewTimeEntry(minutes: 45), technicianID: technician.id, by: .staff(technician))
        // A contract of two years with included hours: 24 monthly invoices, issued.
        var care = NewContract(client: "BIG", reference: "BIG-CARE", title: "Care", startsOn: today.adding(months: -24).description, status: .active)
        care.billing = BillingTerms(frequency: .monthly, timing: .advance, billingDay: 1)
        var sla = SLARules.defaultSettings.defaultTerms
        sla.hours = .business
        care.sla = sla
        let contract = try await store.createContract(care)
        _ = try await store.addContractLine(contractID: contract.id, NewContractLine(kind: .flat, description: "Care", unitPriceCents: 250_000))
        var hours = NewContractLine(kind: .supportHours, description: "Support", unitPriceCents: 9_000)
        hours.includedHours = 10
        _ = try await store.addContractLine(contractID: contract.id, hours)
        for invoice in try await store.runBilling(asOf: today.description, clientCode: "BIG", dryRun: false).invoices {
            seeded.invoice = try await store.issueInvoice(id: invoice.id).id
        }
        seeded.contract = contract.id
        _ = try await store.createLicence(NewLicence(client: "BIG", product: "Office", packagePatterns: ["office*"], seats: 500))
        for (role, employee) in people {
            let link = try await store.invitePortalUser(clientCode: "BIG", NewPortalUser(employeeID: employee.id, role: role))
            _ = try await store.usePortalLink(token: String(link.path.split(separator: "/").last ?? ""), password: Self.password)
        }
        return seeded
    }

    // MARK: - Pages

    final class Client: @unchecked Sendable {
        let http: HTTPClient
        let base: String
        var cookie = ""

        init(base: String, caPEM: String) throws {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(caPEM.utf8)))
            http = HTTPClient(
                eventLoopGroupProvider: .singleton,
                configuration: .init(tlsConfiguration: tls, redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(60))))
            self.base = base
        }

        /// Status, body, and the milliseconds from sending to the last byte.
        func get(_ path: String, headers: [(String, String)] = []) async throws -> (Int, String, Double) {
            var request = HTTPClientRequest(url: base + path)
            if !cookie.isEmpty { request.headers.add(name: "Cookie", value: cookie) }
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            let start = ContinuousClock.now
            let response = try await http.execute(request, timeout: .seconds(60))
            let body = String(buffer: try await response.body.collect(upTo: 8 << 20))
            let elapsed = ContinuousClock.now - start
            return (Int(response.status.code), body, Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }

        func signIn(_ email: String) async throws {
            cookie = ""
            let (_, page, _) = try await get("/portal/login")
            let csrf = page.range(of: #"name="csrf" value=""#).map { String(page[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
            var request = HTTPClientRequest(url: base + "/portal/login")
            request.method = .POST
            request.headers.add(name: "Cookie", value: "__Host-parc-form=\(csrf)")
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            let email = email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? email
            request.body = .bytes(ByteBuffer(string: "csrf=\(csrf)&email=\(email)&password=correct%20horse%20battery%20staple"))
            let response = try await http.execute(request, timeout: .seconds(60))
            _ = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .seeOther, let session = response.headers["Set-Cookie"].first(where: { $0.hasPrefix("__Host-parc-session=") }) else {
                throw ValidationError("sign-in as \(email) answered \(response.status.code)")
            }
            cookie = String(session.split(separator: ";")[0])
        }

        func close() async throws { try await http.shutdown() }
    }

    struct PageTiming {
        var label: String
        var samples: [Double]
        var bytes: Int
    }

    func measurePages(_ client: Client, _ seeded: Seeded) async throws -> (pages: [PageTiming], reference: [Double]) {
        let pages: [(role: String, email: String, paths: [String])] = [
            (
                "admin", seeded.adminEmail,
                [
                    "/portal", "/portal/assets", "/portal/assets?q=asset-4242", "/portal/assets?page=1500", "/portal/assets/\(seeded.anyAsset)",
                    "/portal/assets/\(seeded.anyAsset)/software", "/portal/tickets", "/portal/tickets?all=1", "/portal/tickets?all=1&page=3000",
                    "/portal/tickets?all=1&q=ticket%2077", "/portal/tickets/\(seeded.anyTicket)", "/portal/tickets/new", "/portal/licences", "/portal/invoices",
                    "/portal/invoices/\(seeded.invoice)", "/portal/contracts", "/portal/contracts/\(seeded.contract)", "/portal/users", "/portal/tokens",
                ]
            ),
            (
                "member", seeded.memberEmail,
                [
                    "/portal", "/portal/assets", "/portal/assets/\(seeded.memberAsset)", "/portal/tickets?all=1", "/portal/tickets/\(seeded.memberTicket)",
                    "/portal/tickets/new",
                ]
            ),
            ("billing", seeded.billingEmail, ["/portal", "/portal/invoices", "/portal/invoices/\(seeded.invoice)", "/portal/contracts"]),
        ]
        var timings: [PageTiming] = []
        var reference: [Double] = []
        for role in pages {
            try await client.signIn(role.email)
            var samples = Array(repeating: [Double](), count: role.paths.count)
            var bytes = Array(repeating: 0, count: role.paths.count)
            for run in 0...runs {
                reference.append(try await client.get("/healthz").2)
                for (index, path) in role.paths.enumerated() {
                    let (status, body, milliseconds) = try await client.get(path)
                    guard status == 200 else { throw ValidationError("\(role.role) \(path) answered \(status): \(body.prefix(300))") }
                    // The first run warms the caches and is not counted.
                    if run > 0 { samples[index].append(milliseconds) }
                    bytes[index] = body.utf8.count
                }
            }
            for (index, path) in role.paths.enumerated() {
                timings.append(PageTiming(label: "\(role.role) \(path)", samples: samples[index], bytes: bytes[index]))
            }
        }
        return (timings, reference)
    }

    // MARK: - Check-ins while users sign in

    struct LoginEffect {
        var quietPerSecond: Double
        var signingInPerSecond: Double
        var loginsPerSecond: Double
        var loginMedianMs: Double
        var loginP95Ms: Double
        var paced: PacedEffect
    }

    func checkInsWhileSigningIn(_ store: Store, email: String) async throws -> LoginEffect {
        _ = try await store.createClient(NewClient(code: "AGENTS", name: "Check-in bench"))
        let staff = try await store.createStaff(NewStaffUser(email: "bench@p.example", name: "Bench", role: .manager))
        let token = try await store.createEnrollmentToken(clientCode: "AGENTS", maxUses: agents, expiresInHours: 1, label: nil, createdBy: staff.id)
        for index in 0..<agents {
            _ = try await store.enroll(secret: token.secret, hostname: "pc-\(index)", agentVersion: "1.0.0") { _, _ in
                ("pem", "serial-\(index)", Date().addingTimeInterval(86_400))
            }
        }
        var quiet: [Double] = []
        var busy: [Double] = []
        var loginTimes: [Double] = []
        var loginRates: [Double] = []
        let start = Date()
        _ = try await checkInRound(store, at: start)
        for index in 1...rounds {
            quiet.append(try await checkInRound(store, at: start.addingTimeInterval(Double(index) * 86_400 * 365)))
            let (rate, times, loginRate) = try await whileSigningIn(store, email: email) {
                try await checkInRound(store, at: start.addingTimeInterval(Double(index) * 86_400 * 365 + 86_400 * 180))
            }
            busy.append(rate)
            loginTimes += times
            loginRates.append(loginRate)
        }
        // The same at a steady offered rate, as a server with spare capacity sees it: is every check-in
        // still served, and how much later?
        var paced = PacedEffect()
        if checkInRate > 0 {
            var pacedLogins: [Double] = []
            var pacedLoginRates: [Double] = []
            for index in 1...rounds {
                let base = start.addingTimeInterval(Double(rounds + index) * 86_400 * 365)
                let alone = try await pacedCheckInRound(store, at: base)
                paced.quietRates.append(alone.rate)
                paced.quietLatencies += alone.latencies
                let (busyRound, times, loginRate) = try await whileSigningIn(store, email: email) {
                    try await pacedCheckInRound(store, at: base.addingTimeInterval(86_400 * 180))
                }
                paced.busyRates.append(busyRound.rate)
                paced.busyLatencies += busyRound.latencies
                pacedLogins += times
                pacedLoginRates.append(loginRate)
            }
            paced.loginMedianMs = median(pacedLogins)
            paced.loginP95Ms = percentile(pacedLogins, 0.95)
            paced.loginsPerSecond = median(pacedLoginRates)
        }
        return LoginEffect(
            quietPerSecond: median(quiet), signingInPerSecond: median(busy), loginsPerSecond: median(loginRates), loginMedianMs: median(loginTimes),
            loginP95Ms: percentile(loginTimes, 0.95), paced: paced)
    }

    struct PacedEffect {
        var quietRates: [Double] = []
        var busyRates: [Double] = []
        var quietLatencies: [Double] = []
        var busyLatencies: [Double] = []
        var loginMedianMs = 0.0
        var loginP95Ms = 0.0
        var loginsPerSecond = 0.0
    }

    /// Runs `body` while sign-ins start at `--logins-per-second`, each its own task; answers what
    /// `body` did, every sign-in's time, and sign-ins per second over the body and the backlog.
    func whileSigningIn<R: Sendable>(_ store: Store, email: String, _ body: () async throws -> R) async throws -> (R, [Double], Double) {
        let pace = loginsPerSecond
        let running = StopFlag()
        let signIns = Task { () -> [Double] in
            try await withThrowingTaskGroup(of: Double.self) { group in
                var started = 0
                let began = ContinuousClock.now
                while await running.isOn {
                    let address = "10.0.\(started / 200 % 200).\(started % 200)"
                    group.addTask {
                        let clock = ContinuousClock.now
                        guard case .signedIn = try await store.portalLogin(email: email, password: Self.password, address: address) else {
                            throw ValidationError("a bench sign-in was refused")
                        }
                        let elapsed = ContinuousClock.now - clock
                        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                    }
                    started += 1
                    try await Task.sleep(until: began + .milliseconds(started * 1000 / pace))
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        let roundStart = ContinuousClock.now
        let result = try await body()
        await running.stop()
        let times = try await signIns.value
        let elapsed = ContinuousClock.now - roundStart
        return (result, times, Double(times.count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
    }

    /// Check-ins offered at `--check-in-rate` for `seconds`, each its own task, each agent an hour
    /// after its last; answers the rate served and every check-in's time in milliseconds.
    func pacedCheckInRound(_ store: Store, at start: Date, seconds: Double = 4) async throws -> (rate: Double, latencies: [Double]) {
        let rate = checkInRate
        let agents = self.agents
        let total = Int(seconds * Double(rate))
        let began = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: Double.self) { group in
            for number in 0..<total {
                try await Task.sleep(until: began + .microseconds(number * 1_000_000 / rate))
                let index = number % agents
                let now = start.addingTimeInterval(Double(number / agents) * 3600)
                group.addTask {
                    let clock = ContinuousClock.now
                    let agent = try await store.authenticateAgent(certificateSerial: "serial-\(index)")
                    let checkIn = CheckIn(agentVersion: "1.0.0", hostname: "pc-\(index)", sectionHashes: [:])
                    _ = try await store.scoped(to: agent.scope).checkIn(agent: agent, checkIn, reportKey: UUID().uuidString, wireBytes: 600, now: now)
                    let elapsed = ContinuousClock.now - clock
                    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let elapsed = ContinuousClock.now - began
        return (Double(total) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18), latencies)
    }

    actor StopFlag {
        private(set) var isOn = true
        func stop() { isOn = false }
    }

    /// Agents check in for `seconds`, 16 at a time, each pass over them an hour after the last
    /// (so each check-in refreshes its agent); answers check-ins per second.
    func checkInRound(_ store: Store, at start: Date, seconds: Double = 4) async throws -> Double {
        let began = ContinuousClock.now
        let deadline = began + .milliseconds(Int(seconds * 1000))
        let agents = self.agents
        let done = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<16 {
                group.addTask {
                    var count = 0
                    var pass = 0
                    while ContinuousClock.now < deadline {
                        let now = start.addingTimeInterval(Double(pass) * 3600)
                        for index in stride(from: worker, to: agents, by: 16) {
                            let agent = try await store.authenticateAgent(certificateSerial: "serial-\(index)")
                            let checkIn = CheckIn(agentVersion: "1.0.0", hostname: "pc-\(index)", sectionHashes: [:])
                            _ = try await store.scoped(to: agent.scope).checkIn(agent: agent, checkIn, reportKey: UUID().uuidString, wireBytes: 600, now: now)
                            count += 1
                        }
                        pass += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = ContinuousClock.now - began
        return Double(done) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    // MARK: - Output

    func output(pages: (pages: [PageTiming], reference: [Double]), logins: LoginEffect, seedSeconds: Double) {
        let reference = median(pages.reference)
        let worst = pages.pages.max { percentile($0.samples, 0.95) < percentile($1.samples, 0.95) }
        if json {
            let fields = pages.pages.map {
                "\"\($0.label)\": {\"medianMs\": \(round2(median($0.samples))), \"p95Ms\": \(round2(percentile($0.samples, 0.95)))}"
            }
            print(
                """
                {"assets": \(assets), "tickets": \(tickets), "runs": \(runs), "seedSeconds": \(round2(seedSeconds)), "referenceMs": \(round2(reference)), \
                "worstP95Ms": \(round2(worst.map { percentile($0.samples, 0.95) } ?? 0)), "checkInsQuietPerSecond": \(round2(logins.quietPerSecond)), \
                "checkInsSigningInPerSecond": \(round2(logins.signingInPerSecond)), "loginsPerSecond": \(round2(logins.loginsPerSecond)), \
                "loginMedianMs": \(round2(logins.loginMedianMs)), "pacedCheckInRate": \(checkInRate), \
                "pacedQuietPerSecond": \(round2(median(logins.paced.quietRates))), "pacedSigningInPerSecond": \(round2(median(logins.paced.busyRates))), \
                "pacedQuietP99Ms": \(round2(percentile(logins.paced.quietLatencies, 0.99))), \
                "pacedSigningInP99Ms": \(round2(percentile(logins.paced.busyLatencies, 0.99))), \
                "pacedLoginMedianMs": \(round2(logins.paced.loginMedianMs)), \(fields.joined(separator: ", "))}
                """)
            return
        }
        print("Portal pages, \(assets) assets and \(tickets) tickets (seeded in \(String(format: "%.0f", seedSeconds)) s), \(runs) requests each over HTTPS:")
        for page in pages.pages {
            print(
                page.label.padding(toLength: 48, withPad: " ", startingAt: 0)
                    + String(
                        format: " median %6.1f ms  p95 %6.1f ms  %7d bytes  %5.1f x reference", median(page.samples), percentile(page.samples, 0.95),
                        page.bytes,
                        median(page.samples) / reference))
        }
        print("reference: GET /healthz".padding(toLength: 48, withPad: " ", startingAt: 0) + String(format: " median %6.1f ms", reference))
        if let worst { print(String(format: "  slowest p95: %.1f ms (%@); target < 100 ms", percentile(worst.samples, 0.95), worst.label)) }
        print("Check-ins of \(agents) agents, median of \(rounds) rounds of each kind:")
        print(String(format: "  quiet                        %8.0f per second", logins.quietPerSecond))
        print(
            String(
                format: "  while signing in (%.1f/s)     %8.0f per second  (ratio %.2f)", logins.loginsPerSecond, logins.signingInPerSecond,
                logins.signingInPerSecond / logins.quietPerSecond))
        print(
            String(
                format: "  sign-in median %.0f ms, p95 %.0f ms (bcrypt cost 10, on its own threads, at most half the cores)", logins.loginMedianMs,
                logins.loginP95Ms))
        let paced = logins.paced
        guard checkInRate > 0 else { return }
        print("Check-ins offered at \(checkInRate) per second, median of \(rounds) rounds of each kind:")
        print(
            String(
                format: "  quiet                        %8.0f per second  p50 %5.1f ms  p99 %6.1f ms", median(paced.quietRates), median(paced.quietLatencies),
                percentile(paced.quietLatencies, 0.99)))
        print(
            String(
                format: "  while signing in (%.1f/s)    %8.0f per second  p50 %5.1f ms  p99 %6.1f ms", paced.loginsPerSecond, median(paced.busyRates),
                median(paced.busyLatencies), percentile(paced.busyLatencies, 0.99)))
        print(String(format: "  sign-in median %.0f ms, p95 %.0f ms", paced.loginMedianMs, paced.loginP95Ms))
    }
}
