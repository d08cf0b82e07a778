import ArgumentParser
import Foundation
import ParcDomain
import ParcProtocol
import ParcServer

/// What the store spends on check-ins as agents reporting hourly send them: every one finds its
/// agent (as `AgentAuthenticator` does), then is recorded with the agent's last-seen time, host name
/// and version, since its last check-in is an hour old. The reference, measured in the same run
/// in rounds that alternate with these, is the same check-ins a few seconds later, when the agent
/// was seen within the minute and only the check-in is recorded (what `parc-loadgen` mostly sends).
/// No network and no TLS: `make loadtest` measures those.
struct CheckInBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkins",
        abstract: "Hourly check-ins (each refreshing its agent) through the store, against check-ins that need no refresh.",
        discussion: "Runs on a fresh SQLite file in a temporary directory, or on --database postgres://... (an empty database).")

    @Option(help: "postgres://... to measure PostgreSQL (its tables are created); default: a temporary SQLite file.")
    var database: String?
    @Option(help: "Enrolled agents; each checks in once per round.") var agents = 1000
    @Option(help: "Check-ins in flight at once, as the server's connections would have them.") var concurrency = 16
    @Option(help: "Measured rounds of each kind, alternated.") var rounds = 10
    @Flag(help: "Print one JSON object.") var json = false

    func run() async throws {
        guard agents >= 1, concurrency >= 1, rounds >= 1 else { throw ValidationError("need --agents, --concurrency and --rounds >= 1") }
        try await withBenchStore(database) { store in
            _ = try await store.createClient(NewClient(code: "BENCH", name: "Check-in bench"))
            let staff = try await store.createStaff(NewStaffUser(email: "bench@p.example", name: "Bench", role: .manager))
            let token = try await store.createEnrollmentToken(clientCode: "BENCH", maxUses: agents, expiresInHours: 1, label: nil, createdBy: staff.id)
            for index in 0..<agents {
                _ = try await store.enroll(secret: token.secret, hostname: "pc-\(index)", agentVersion: "1.0.0") { _, _ in
                    ("pem", "serial-\(index)", Date().addingTimeInterval(86_400))
                }
            }
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            // Round 0 gives every agent a last-seen time; it is not measured.
            _ = try await round(store, at: start)
            var hourly: [Double] = []
            var recent: [Double] = []
            for index in 1...rounds {
                let hour = start.addingTimeInterval(Double(index) * 3600)
                hourly.append(try await round(store, at: hour))
                recent.append(try await round(store, at: hour.addingTimeInterval(10)))
            }
            let hourlyRate = median(hourly)
            let recentRate = median(recent)
            if json {
                print(
                    "{\"agents\": \(agents), \"concurrency\": \(concurrency), \"rounds\": \(rounds), \"hourlyPerSecond\": \(round2(hourlyRate)), \"referencePerSecond\": \(round2(recentRate)), \"ratio\": \(round2(hourlyRate / recentRate))}"
                )
                return
            }
            print("Check-ins of \(agents) agents, \(concurrency) at a time, median of \(rounds) rounds of each kind:")
            print(String(format: "  hourly (agent refreshed)    %8.0f per second", hourlyRate))
            print(String(format: "  reference (seen this minute) %7.0f per second", recentRate))
            print(String(format: "  hourly / reference          %8.2f", hourlyRate / recentRate))
        }
    }

    /// Every agent checks in once at `now`, `concurrency` at a time; answers check-ins per second.
    func round(_ store: Store, at now: Date) async throws -> Double {
        let began = ContinuousClock.now
        let agents = self.agents
        let concurrency = self.concurrency
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for index in stride(from: worker, to: agents, by: concurrency) {
                        let agent = try await store.authenticateAgent(certificateSerial: "serial-\(index)")
                        let checkIn = CheckIn(agentVersion: "1.0.0", hostname: "pc-\(index)", sectionHashes: [:])
                        let needed = try await store.scoped(to: agent.scope).checkIn(
                            agent: agent, checkIn, reportKey: UUID().uuidString.lowercased(), wireBytes: 600, now: now)
                        guard needed.isEmpty else { throw ValidationError("check-in \(index) asked for \(needed)") }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - began
        return Double(agents) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
