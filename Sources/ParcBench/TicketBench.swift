import ArgumentParser
import Foundation
import Logging
import ParcDomain
import ParcProtocol
import ParcServer
import SQLKit

/// What a technician's or a dispatcher's ticket list costs on a big desk: 100 clients, 100,000
/// tickets (a quarter of them open), each query answered as the API does (store query + JSON).
///
/// The desk is seeded in bulk (one multi-row INSERT per 500 tickets) with due times computed by
/// `SLAClock` on the default SLA, since opening 100,000 tickets one by one through the store would
/// take minutes; a thousand more are then opened through the store itself so its own writes are in
/// the mix. The reference, measured in the same run, is the first page of the client list.
struct TicketBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets",
        abstract: "List open tickets with their SLA state on 100 clients / 100,000 tickets (target: < 50 ms median on SQLite).",
        discussion: "Runs on a fresh SQLite file in a temporary directory, or on --database postgres://... (an empty database).")

    @Option(help: "postgres://... to measure PostgreSQL (its tables are created); default: a temporary SQLite file.")
    var database: String?
    @Option(help: "Clients.") var clients = 100
    @Option(help: "Tickets in all.") var tickets = 100_000
    @Option(help: "Measured runs of each query, interleaved.") var runs = 30
    @Flag(help: "Print one JSON object.") var json = false

    func run() async throws {
        guard clients >= 1, tickets >= clients, runs >= 1 else { throw ValidationError("need --clients >= 1, --tickets >= --clients, --runs >= 1") }
        try await withBenchStore(database) { store in
            let seedStart = Date()
            let technicians = try await seed(store)
            try await measure(store, technician: technicians[0], seedSeconds: Date().timeIntervalSince(seedStart))
        }
    }

    func seed(_ store: Store) async throws -> [StaffUser] {
        for index in 0..<clients { _ = try await store.createClient(NewClient(code: String(format: "C%03d", index), name: "Client \(index)")) }
        var technicians: [StaffUser] = []
        for index in 0..<10 {
            technicians.append(try await store.createStaff(NewStaffUser(email: "tech\(index)@p.example", name: "Tech \(index)", role: .technician)))
        }
        let settings = SLARules.defaultSettings
        let zone = TimeZone(identifier: settings.calendar.timeZone) ?? .gmt
        let time = SLARules.workingTime(.business, calendar: settings.calendar) { zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0))) }
        let now = Int64(Date().timeIntervalSince1970)
        let bulk = tickets - min(1000, tickets / 10)
        let statuses: [TicketStatus] = [
            .closed, .closed, .closed, .closed, .closed, .closed, .closed, .resolved, .resolved, .closed,
            .closed, .closed, .resolved, .closed, .closed, .new, .assigned, .inProgress, .waitingForClient, .inProgress,
        ]
        @Sendable func stamp(_ seconds: Int64?) -> String? { seconds.map { Date(timeIntervalSince1970: TimeInterval($0)).formatted(.iso8601) } }
        let staff = technicians
        try await store.database.transaction { db in
            var random = SplitMix64(seed: 42)
            for start in stride(from: 0, to: bulk, by: 500) {
                var query: SQLQueryString = """
                    INSERT INTO tickets (number, client_id, title, type, priority, status, reporter_kind, reporter_name, technician_id, sla_source, sla_hours,
                        response_target_minutes, resolution_target_minutes, response_due_at, resolution_due_at, responded_at, response_met, resolution_met,
                        sla_breach_at, created_at, updated_at, resolved_at) VALUES
                    """
                for index in start..<min(start + 500, bulk) {
                    let priority = TicketPriority.allCases[random.next(4)]
                    let status = statuses[random.next(statuses.count)]
                    let target = settings.defaultTerms.target(for: priority)!
                    // Done tickets spread over two years, open ones over the last month (many of those breached);
                    // one response in ten and one resolution in eight come an hour late.
                    let created = now - Int64(random.next(status.isOpen ? 2_592_000 : 63_000_000))
                    let responseDue = SLAClock.due(start: created, targetMinutes: target.responseMinutes, pauses: [], in: time)
                    let resolutionDue =
                        status == .waitingForClient ? nil : SLAClock.due(start: created, targetMinutes: target.resolutionMinutes, pauses: [], in: time)
                    let responded = status == .new || status == .assigned ? nil : random.next(10) == 0 ? responseDue.map { $0 + 3600 } : created + 600
                    let resolved = status.isOpen ? nil : random.next(8) == 0 ? resolutionDue.map { $0 + 3600 } : created + 1200
                    let responseMet = responded.map { r in responseDue.map { r <= $0 } ?? true }
                    let resolutionMet = resolved.map { r in resolutionDue.map { r <= $0 } ?? true }
                    let breachAt = SLAClock.breachAt(
                        isOpen: status.isOpen, responseDue: responseDue, respondedAt: responded, resolutionDue: resolutionDue, stoppedAt: resolved)
                    let technician = status == .new ? nil : staff[random.next(staff.count)].id
                    let clientID = Int64(random.next(clients) + 1)
                    query =
                        query + (index == start ? "" : ", ") + """
                            (\(bind: "T-BENCH-\(index)"), \(bind: clientID), \(bind: "Ticket \(index)"), 'incident', \(bind: priority.rawValue), \(bind: status.rawValue),
                             'staff', 'Bench', \(bind: technician), 'default', 'business', \(bind: target.responseMinutes), \(bind: target.resolutionMinutes),
                             \(bind: stamp(responseDue)), \(bind: stamp(resolutionDue)), \(bind: stamp(responded)), \(bind: responseMet), \(bind: resolutionMet),
                             \(bind: stamp(breachAt)), \(bind: stamp(created)!), \(bind: stamp(created)!), \(bind: stamp(resolved)))
                            """
                }
                try await db.raw(query).run()
            }
        }
        // The rest through the store, as staff open them.
        for index in bulk..<tickets {
            var new = NewTicket(client: String(format: "C%03d", index % clients), title: "Opened \(index)", priority: TicketPriority.allCases[index % 4])
            new.technicianID = index % 2 == 0 ? technicians[index % technicians.count].id : nil
            _ = try await store.createTicket(new, by: .system)
        }
        return technicians
    }

    func measure(_ store: Store, technician: StaffUser, seedSeconds: Double) async throws {
        let queries: [(String, TicketFilter)] = [
            ("open tickets, first page", TicketFilter()),
            ("open tickets of one client", TicketFilter(clientCode: String(format: "C%03d", clients / 2))),
            ("a technician's queue", TicketFilter(technicianID: technician.id)),
            ("SLA breached", TicketFilter(sla: .breached)),
            ("SLA due soon", TicketFilter(sla: .dueSoon)),
        ]
        var samples = Array(repeating: [Double](), count: queries.count + 1)
        var totals = Array(repeating: 0, count: queries.count)
        var bytes = Array(repeating: 0, count: queries.count)
        for _ in 0..<runs {
            let start = Date()
            _ = try CanonicalJSON.encode(try await store.listClients(ListQuery()))
            samples[queries.count].append(Date().timeIntervalSince(start) * 1000)
            for (index, query) in queries.enumerated() {
                let start = Date()
                let page = try await store.listTickets(query.1, ListQuery())
                let body = try CanonicalJSON.encode(page)
                samples[index].append(Date().timeIntervalSince(start) * 1000)
                (totals[index], bytes[index]) = (page.total, body.count)
            }
        }
        let reference = median(samples[queries.count])
        if json {
            let fields = queries.enumerated().map { index, query in
                "\"\(query.0)\": {\"medianMs\": \(round2(median(samples[index]))), \"matching\": \(totals[index])}"
            }
            print(
                "{\"tickets\": \(tickets), \"clients\": \(clients), \"runs\": \(runs), \"seedSeconds\": \(round2(seedSeconds)), \"referenceMs\": \(round2(reference)), \(fields.joined(separator: ", "))}"
            )
            return
        }
        print(
            "Ticket lists, \(tickets) tickets of \(clients) clients (seeded in \(String(format: "%.1f", seedSeconds)) s), \(runs) runs, page of 50 with its JSON:"
        )
        for (index, query) in queries.enumerated() {
            let value = median(samples[index])
            let label = query.0.padding(toLength: 28, withPad: " ", startingAt: 0)
            print(
                label
                    + String(
                        format: " median %7.2f ms  p90 %7.2f ms  (%6d matching, %6d bytes)  %.1f x reference", value,
                        percentile(samples[index], 0.9), totals[index], bytes[index], value / reference))
        }
        print("reference: client list page".padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: " median %7.2f ms", reference))
        print("  target: open tickets with their SLA state < 50 ms on SQLite")
    }
}

/// A small deterministic generator, so every run seeds the same desk.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
