import Foundation
import NIOHTTP1
import ParcAgentReporting
import ParcClient
import ParcProtocol
import ParcServer
import ParcTestSupport
import Testing

@Suite struct SpoolTests {
    static func inventory(_ hostname: String) -> Inventory {
        var inventory = Inventory(agentVersion: "test", collectedAt: Date(timeIntervalSince1970: 1_780_000_000))
        inventory.os = OperatingSystemSection()
        inventory.os?.hostname = hostname
        return inventory
    }

    @Test func keepsOrderAndDropsTheOldestWhenFull() throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let spool = Spool(directory: directory + "/spool", maximumCount: 3)
        var warnings: [String] = []
        for index in 1...5 { warnings += try spool.add(Self.inventory("host-\(index)"), reportKey: "key-\(index)") }
        #expect(spool.entries().map(\.reportKey) == ["key-3", "key-4", "key-5"])
        #expect(warnings.count == 2)
        #expect(warnings.first?.contains("key-1") == true)
        #expect(try spool.load(spool.entries()[0]).os?.hostname == "host-3")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/spool")
        for file in files {
            #expect((try FileManager.default.attributesOfItem(atPath: directory + "/spool/" + file)[.posixPermissions] as? Int) == 0o600)
        }
    }

    /// A report the server keeps failing on (5xx) is dropped after a few tries: it cannot hold
    /// back the reports behind it for good.
    @Test func aReportTheServerKeepsFailingOnIsDroppedAfterAFewTries() throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let spool = Spool(directory: directory + "/spool")
        try spool.add(Self.inventory("host-1"), reportKey: "poisoned")
        try spool.add(Self.inventory("host-2"), reportKey: "fine")
        for attempt in 1..<Spool.maximumServerFailures {
            #expect(!spool.recordServerFailure(spool.entries()[0]), "dropped after \(attempt) failures")
        }
        #expect(spool.entries().map(\.reportKey) == ["poisoned", "fine"])
        #expect(spool.recordServerFailure(spool.entries()[0]))
        #expect(spool.entries().map(\.reportKey) == ["fine"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/spool").filter { $0.hasSuffix(".failures") }.isEmpty)
    }

    @Test func staysWithinItsBytes() throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let one = try CanonicalJSON.encode(Self.inventory("host-1")).count
        let spool = Spool(directory: directory, maximumCount: 100, maximumBytes: one * 2 + one / 2)
        for index in 1...4 { try spool.add(Self.inventory("host-\(index)"), reportKey: "k\(index)") }
        #expect(spool.entries().map(\.reportKey) == ["k3", "k4"])
        #expect(spool.totalBytes <= spool.maximumBytes)
    }

    @Test func ignoresHalfWrittenAndForeignFiles() throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let spool = Spool(directory: directory)
        try spool.add(Self.inventory("a"), reportKey: "good")
        // What a crash between write and rename leaves, and a file somebody dropped there.
        FileManager.default.createFile(atPath: directory + "/0000000000000002-half.json.tmp", contents: Data("{\"trunc".utf8))
        FileManager.default.createFile(atPath: directory + "/notes.txt", contents: Data("x".utf8))
        #expect(spool.entries().map(\.reportKey) == ["good"])
        #expect(!FileManager.default.fileExists(atPath: directory + "/0000000000000002-half.json.tmp"))
    }

    @Test func backoffGrowsAndIsCapped() {
        for failures in 1...12 {
            let delay = AgentLoop.backoff(failures: failures, cap: 3600)
            let base = min(3600.0, 30 * Double(1 << (failures - 1)))
            #expect(delay >= base / 2 && delay <= base)
        }
        for _ in 0..<100 {
            let delay = AgentLoop.jittered(3600)
            #expect(delay >= 3240 && delay <= 3960)
        }
    }
}

extension AgentReportingTests {
    @Test(arguments: TestBackend.available)
    func reportsWaitInTheSpoolWhileTheServerIsDownAndArriveOnce(_ backend: TestBackend) async throws {
        try await Self.withSetup(backend) { setup in
            let state = setup.root + "/agent-state"
            let machine = try Self.laptopRoot(in: setup.root)
            let token = try await setup.enrollmentToken()
            #expect(
                try await run(
                    "parc-agent", ["enroll", "--server", setup.server.url, "--token", token, "--ca-fingerprint", setup.fingerprint, "--state-dir", state]
                ).status == 0)
            let agentID = try AgentState(directory: state).identity().agentID
            let port = setup.server.port
            let database = setup.server.process.arguments.drop { $0 != "--database" }.dropFirst().first ?? ""

            // The server goes away: reports are spooled (exit 75), nothing is lost.
            #expect(try await setup.server.stop() == 0)
            for _ in 0..<2 {
                let down = try await run("parc-agent", ["report", "--state-dir", state, "--root", machine])
                #expect(down.status == 75, "\(down.stderr)")
                #expect(down.stderr.contains("spooled"))
            }
            #expect(try await run("parc-agent", ["status", "--state-dir", state]).stdout.contains("2 report(s)"))

            // Back on the same port: the spool is delivered in order, then the current report.
            let again = try await ServerProcess(arguments: ["--data-dir", setup.root + "/data", "--database", database], listen: "127.0.0.1:\(port)")
            // Stopped by kill9 below; if the test throws first, deinit kills it.
            let up = try await run("parc-agent", ["report", "--state-dir", state, "--root", machine])
            #expect(up.status == 0, "\(up.stderr)")
            #expect(up.stdout.contains("Delivered 2 spooled report(s)"))
            let staff = try StaffClient(server: again.url, token: setup.managerToken, caPEM: setup.caPEM)
            let reports = try await staff.agentReports(id: agentID)
            #expect(reports.count == 3)
            #expect(reports.last?.sections.contains(.software) == true)
            #expect(try await run("parc-agent", ["status", "--state-dir", state]).stdout.contains("0 report(s)"))

            // A retried report (its acknowledgement lost) is recognised by its key: no second row.
            let stateFiles = AgentState(directory: state)
            let transport = try AgentHTTP.client(
                caPEM: setup.caPEM, identity: (try stateFiles.read(stateFiles.certificatePath), try stateFiles.read(stateFiles.keyPath)))
            var inventory = Self.spoofInventory()
            inventory.os?.hostname = "retried"
            let body = Array(try CanonicalJSON.encode(inventory))
            let first = try await transport.request(
                .POST, again.url + "/agent/v1/report", headers: [("Content-Type", "application/json"), ("Parc-Report-Key", "retry-1")], body: body)
            let second = try await transport.request(
                .POST, again.url + "/agent/v1/report", headers: [("Content-Type", "application/json"), ("Parc-Report-Key", "retry-1")], body: body)
            #expect(first.status == 201 && second.status == 201)
            let firstReceipt = try CanonicalJSON.decode(ReportReceipt.self, from: Data(first.body))
            #expect(try CanonicalJSON.decode(ReportReceipt.self, from: Data(second.body)).reportID == firstReceipt.reportID)
            #expect(try await staff.agentReports(id: agentID).count == 4)

            // kill -9 right after an acknowledgement: what was acknowledged is there after a restart.
            try await again.kill9()
            let restarted = try await ServerProcess(arguments: ["--data-dir", setup.root + "/data", "--database", database], listen: "127.0.0.1:\(port)")
            let afterCrash = try await staff.agentReports(id: agentID)
            #expect(afterCrash.contains { $0.id == firstReceipt.reportID })
            await staff.shutdown()
            _ = try? await restarted.stop()
        }
    }

    static func spoofInventory() -> Inventory {
        var inventory = Inventory(agentVersion: "x", collectedAt: Date())
        inventory.os = OperatingSystemSection()
        return inventory
    }
}

extension AgentReportingTests {
    @Test func renewalReplacesTheCertificateAndRetiresTheOldOne() async throws {
        try await Self.withSetup(.sqlite) { setup in
            let directory = setup.root + "/agent-state"
            let token = try await setup.enrollmentToken()
            #expect(
                try await run(
                    "parc-agent", ["enroll", "--server", setup.server.url, "--token", token, "--ca-fingerprint", setup.fingerprint, "--state-dir", directory]
                ).status == 0)
            let state = AgentState(directory: directory)
            let old = (try state.read(state.certificatePath), try state.read(state.keyPath))

            let renew = try await run("parc-agent", ["renew", "--state-dir", directory])
            #expect(renew.status == 0, "\(renew.stderr)")
            #expect(renew.stdout.contains("valid until"))
            let new = (try state.read(state.certificatePath), try state.read(state.keyPath))
            #expect(new.0 != old.0 && new.1 != old.1)
            #expect(!FileManager.default.fileExists(atPath: state.keyPath + ".renewed"))

            let checkIn = Array(try CanonicalJSON.encode(CheckIn(agentVersion: "x", hostname: "h", sectionHashes: [:])))
            let current = try await Self.post(try AgentHTTP.client(caPEM: setup.caPEM, identity: new), setup.server.url + "/agent/v1/checkin", checkIn)
            #expect(current.status == 200)
            let retired = try await Self.post(try AgentHTTP.client(caPEM: setup.caPEM, identity: old), setup.server.url + "/agent/v1/checkin", checkIn)
            #expect(retired.status == 401)
            #expect(try await run("parc-agent", ["report", "--state-dir", directory, "--root", try Self.laptopRoot(in: setup.root)]).status == 0)
        }
    }
}

extension AgentReportingTests {
    @Test func runReportsAtOnceAndStopsCleanlyOnSIGTERM() async throws {
        try await Self.withSetup(.sqlite) { setup in
            let directory = setup.root + "/agent-state"
            let token = try await setup.enrollmentToken()
            #expect(
                try await run(
                    "parc-agent", ["enroll", "--server", setup.server.url, "--token", token, "--ca-fingerprint", setup.fingerprint, "--state-dir", directory]
                ).status == 0)
            let agentID = try AgentState(directory: directory).identity().agentID
            let machine = try Self.laptopRoot(in: setup.root)

            let agent = try BackgroundProgram(
                try Programs.path("parc-agent"), ["run", "--state-dir", directory, "--root", machine, "--interval", "60"], logPath: setup.root + "/run.log")
            // The first report happens at once; wait (bounded) for the server to have it.
            var reports: [AgentReport] = []
            for _ in 0..<200 where reports.isEmpty {
                reports = try await setup.staff.agentReports(id: agentID)
                if reports.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(reports.count == 1)
            #expect(try await agent.stop(signal: SIGTERM, timeout: .seconds(6)) == 0)
            let output = agent.log
            #expect(output.contains("report sent"))
            #expect(output.contains("stopping"))
        }
    }
}
