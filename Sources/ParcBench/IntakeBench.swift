import ArgumentParser
import CompressNIO
import Foundation
import NIOCore
import ParcDomain
import ParcProtocol
import ParcServer

/// GLPI Agent inventories as the intake reads them: a zlib-compressed JSON body of `--programs`
/// programs is inflated, read into Parc's sections, its credential and agent found in one query,
/// and stored with its asset reconciled, `--concurrency` at a time, as the server's connections
/// would have them. Measured: machines seen for the first time (a full inventory), the same machines
/// sending their full inventory again, unchanged (GLPI Agent sends one every 14th run: the native
/// path's "full reports" figure is this), then a partial one with five programs upgraded. Then unchanged CONTACTs against
/// parc-agent's unchanged check-ins, in alternated rounds of the same run (the reference).
/// No network and no TLS: `make loadtest` measures those for parc-agent.
struct IntakeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "GLPI Agent inventories (zlib JSON) through the intake's reading and the store; CONTACTs against parc-agent check-ins.",
        discussion: "Runs on a fresh SQLite file in a temporary directory, or on --database postgres://... (an empty database).")

    @Option(help: "postgres://... to measure PostgreSQL (its tables are created); default: a temporary SQLite file.")
    var database: String?
    @Option(help: "Machines, each sending one full then one partial inventory.") var machines = 300
    @Option(help: "Programs in each inventory.") var programs = 1500
    @Option(help: "Inventories in flight at once.") var concurrency = 16
    @Option(help: "Measured rounds of CONTACTs and of check-ins, alternated (each ten passes over the machines).") var rounds = 7
    @Flag(help: "Print one JSON object.") var json = false

    struct Phase {
        var perSecond: Double
        var p50: Double
        var p99: Double
    }

    func run() async throws {
        guard machines >= 1, programs >= 1, programs <= 20_000, concurrency >= 1, rounds >= 1 else {
            throw ValidationError("need --machines, --concurrency, --rounds >= 1 and --programs from 1 to 20000")
        }
        try await withBenchStore(database) { store in
            _ = try await store.createClient(NewClient(code: "BENCH", name: "Intake bench"))
            let staff = try await store.createStaff(NewStaffUser(email: "bench@p.example", name: "Bench", role: .manager))
            let created = try await store.createIntakeCredential(clientCode: "BENCH", kind: .basic, label: nil, createdBy: staff.id)
            let credential = PresentedIntakeCredential.basic(login: created.credential.login, secret: created.secret)
            // parc-agents for the reference check-ins, one per machine.
            let token = try await store.createEnrollmentToken(clientCode: "BENCH", maxUses: machines, expiresInHours: 1, label: nil, createdBy: staff.id)
            for index in 0..<machines {
                _ = try await store.enroll(secret: token.secret, hostname: "parc-\(index)", agentVersion: "1.0.0") { _, _ in
                    ("pem", "serial-\(index)", Date().addingTimeInterval(86_400))
                }
            }
            let full = try (0..<machines).map { try Self.compressed(Self.inventory(machine: $0, programs: programs, partial: false, upgraded: 0)) }
            let partial = try (0..<machines).map { try Self.compressed(Self.inventory(machine: $0, programs: programs, partial: true, upgraded: 5)) }
            if !json {
                print("\(machines) machines of \(programs) programs, \(concurrency) at a time; bodies of \(full[0].readableBytes / 1024) KiB zlib")
            }
            let first = try await inventories(store, credential, full)
            let again = try await inventories(store, credential, full)
            let changed = try await inventories(store, credential, partial)
            let assets = try await store.listAssets(AssetFilter(clientCode: "BENCH", kind: .computer), ListQuery(limit: 1)).total
            guard assets == machines else { throw ValidationError("\(assets) assets for \(machines) machines") }

            var contacts: [Double] = []
            var checkIns: [Double] = []
            for _ in 0..<rounds {
                contacts.append(try await contactRound(store, credential))
                checkIns.append(try await checkInRound(store))
            }
            let contactRate = median(contacts)
            let checkInRate = median(checkIns)
            if json {
                print(
                    "{\"machines\": \(machines), \"programs\": \(programs), \"concurrency\": \(concurrency), \"firstPerSecond\": \(round2(first.perSecond)), \"firstP99Milliseconds\": \(round2(first.p99)), \"fullAgainPerSecond\": \(round2(again.perSecond)), \"fullAgainP99Milliseconds\": \(round2(again.p99)), \"changedPerSecond\": \(round2(changed.perSecond)), \"changedP99Milliseconds\": \(round2(changed.p99)), \"contactsPerSecond\": \(round2(contactRate)), \"checkInsPerSecond\": \(round2(checkInRate)), \"ratio\": \(round2(contactRate / checkInRate))}"
                )
                return
            }
            print(String(format: "  first inventories (full)      %7.0f per second, p50 %6.1f ms, p99 %6.1f ms", first.perSecond, first.p50, first.p99))
            print(String(format: "  full again, unchanged         %7.0f per second, p50 %6.1f ms, p99 %6.1f ms", again.perSecond, again.p50, again.p99))
            print(String(format: "  partial, 5 programs upgraded  %7.0f per second, p50 %6.1f ms, p99 %6.1f ms", changed.perSecond, changed.p50, changed.p99))
            print("Unchanged CONTACTs against parc-agent's unchanged check-ins, median of \(rounds) alternated rounds:")
            print(String(format: "  CONTACT                       %7.0f per second", contactRate))
            print(String(format: "  parc-agent check-in           %7.0f per second", checkInRate))
            print(String(format: "  CONTACT / check-in            %7.2f", contactRate / checkInRate))
        }
    }

    /// One inventory per machine, as the intake route handles it; rate and latency percentiles.
    func inventories(_ store: Store, _ credential: PresentedIntakeCredential, _ bodies: [ByteBuffer]) async throws -> Phase {
        let began = ContinuousClock.now
        let concurrency = self.concurrency
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var times: [Double] = []
                    for index in stride(from: worker, to: bodies.count, by: concurrency) {
                        let start = ContinuousClock.now
                        var buffer = bodies[index]
                        let json = Array(try buffer.decompress(with: .zlib(), maxSize: AgentLimits.reportBytes).readableBytesView)
                        let glpi = try GLPIInventory.read(json)
                        guard let authentication = try await store.authenticateIntake(credential, agentKind: "glpi", deviceKey: Self.agentID(index)) else {
                            throw ValidationError("credential refused")
                        }
                        let clientStore = store.scoped(to: authentication.identity.scope)
                        var agent = authentication.agent
                        if agent == nil {
                            agent = try await clientStore.intakeAgent(
                                kind: "glpi", deviceKey: Self.agentID(index), hostname: glpi.hostname ?? "", version: glpi.versionClient,
                                credentialID: authentication.identity.credentialID)
                        }
                        guard let agent else { throw ValidationError("agent \(index) not made") }
                        _ = try await clientStore.storeIntakeInventory(
                            agent: agent, kind: "glpi", glpi, bodyBytes: json.count, wireBytes: bodies[index].readableBytes)
                        times.append(Self.milliseconds(ContinuousClock.now - start))
                    }
                    return times
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }
        let elapsed = ContinuousClock.now - began
        return Phase(perSecond: Double(bodies.count) / (Self.milliseconds(elapsed) / 1000), p50: median(latencies), p99: percentile(latencies, 0.99))
    }

    /// Every GLPI agent sends an unchanged CONTACT; answers CONTACTs per second.
    func contactRound(_ store: Store, _ credential: PresentedIntakeCredential) async throws -> Double {
        try await timed { index in
            guard let authentication = try await store.authenticateIntake(credential, agentKind: "glpi", deviceKey: Self.agentID(index)),
                let agent = authentication.agent
            else { throw ValidationError("agent \(index) unknown") }
            _ = try await store.scoped(to: authentication.identity.scope).checkIn(
                agent: agent, CheckIn(agentVersion: agent.agentVersion, hostname: agent.hostname, sectionHashes: [:]), reportKey: nil, wireBytes: 300)
        }
    }

    /// Every parc-agent checks in, nothing changed; answers check-ins per second.
    func checkInRound(_ store: Store) async throws -> Double {
        try await timed { index in
            let agent = try await store.authenticateAgent(certificateSerial: "serial-\(index)")
            let hashes = agent.sectionHashes
            let needed = try await store.scoped(to: agent.scope).checkIn(
                agent: agent, CheckIn(agentVersion: "1.0.0", hostname: "parc-\(index)", sectionHashes: hashes), reportKey: nil, wireBytes: 600)
            guard needed.isEmpty else { throw ValidationError("check-in \(index) asked for \(needed)") }
        }
    }

    /// `work` for every machine, ten times over: a round of 300 lookups lasted 15 ms, short enough
    /// for one descheduled thread to swing its rate by a third.
    func timed(_ work: @escaping @Sendable (Int) async throws -> Void) async throws -> Double {
        let began = ContinuousClock.now
        let machines = self.machines
        let concurrency = self.concurrency
        let passes = 10
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for step in stride(from: worker, to: machines * passes, by: concurrency) { try await work(step % machines) }
                }
            }
            try await group.waitForAll()
        }
        return Double(machines * passes) / (Self.milliseconds(ContinuousClock.now - began) / 1000)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    static func agentID(_ machine: Int) -> String {
        let hex = String(machine, radix: 16)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex
    }

    /// An inventory as GLPI Agent 1.x sends it from a Debian machine: hardware, BIOS, OS, a disk, an
    /// interface and `programs` packages; a partial one carries what changes with software (BIOS,
    /// hardware, OS, programs), `upgraded` of them with a new version.
    static func inventory(machine: Int, programs: Int, partial: Bool, upgraded: Int) -> [UInt8] {
        var text = """
            {"action":"inventory","deviceid":"pc-\(machine)-2026-12-06-10-00-00","itemtype":"Computer","partial":\(partial),"tag":"",
            "content":{"versionclient":"GLPI-Agent_v1.12",
            "hardware":{"name":"pc-\(machine)","uuid":"4c4c4544-0000-4000-8000-\(String(format: "%012x", machine))","memory":16000,"swap":2048,"vmsystem":"Physical"},
            "bios":{"ssn":"SN\(machine)","smanufacturer":"Dell Inc.","smodel":"Latitude 5440","bmanufacturer":"Dell Inc.","bversion":"1.14.1","bdate":"2024-03-12"},
            "operatingsystem":{"name":"Debian GNU/Linux","full_name":"Debian GNU/Linux 12 (bookworm)","version":"12.8","kernel_name":"linux","kernel_version":"6.1.0-28-amd64","arch":"x86_64","fqdn":"pc-\(machine).example.com"},
            """
        if !partial {
            text += """
                "storages":[{"name":"nvme0n1","model":"PM9A1","serial":"S6\(machine)","disksize":512000,"interface":"NVME"}],
                "drives":[{"type":"/","volumn":"/dev/nvme0n1p2","filesystem":"ext4","total":480000,"free":200000}],
                "networks":[{"description":"enp0s31f6","mac":"\(String(format: "e4:70:b8:%02x:%02x:%02x", (machine >> 16) & 255, (machine >> 8) & 255, machine & 255))","ipaddress":"10.0.\(machine % 250).\(machine % 200 + 10)","status":"up","type":"ethernet","virtualdev":0,"speed":"1000"}],
                "cpus":[{"name":"13th Gen Intel(R) Core(TM) i7-1365U","manufacturer":"Intel","core":10,"thread":12,"speed":1800}],
                "memories":[{"capacity":8192,"type":"DDR5","speed":"5200","numslots":1,"serialnumber":"A\(machine)"},{"capacity":8192,"type":"DDR5","speed":"5200","numslots":2,"serialnumber":"B\(machine)"}],

                """
        }
        let list = (0..<programs).map { index in
            let version = index < upgraded ? "2.0-1" : "1.0-1"
            return
                #"{"name":"package-\#(index)","version":"\#(version)","arch":"amd64","from":"deb","publisher":"Debian Maintainers <maint@debian.org>","comments":"Package number \#(index) of the bench","filesize":\#(100_000 + index)}"#
        }
        text += "\"softwares\":[" + list.joined(separator: ",") + "]}}"
        return Array(text.utf8)
    }

    static func compressed(_ bytes: [UInt8]) throws -> ByteBuffer {
        var buffer = ByteBuffer(bytes: bytes)
        return try buffer.compress(with: .zlib())
    }
}
