import CompressNIO
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import ParcAgentReporting
import ParcClient
import ParcProtocol
import ParcServer
import ParcTestSupport
import SwiftASN1
import Testing
import X509

/// The real `parc-agent` enrolling against and reporting to a real `parc-server`, over mutual TLS on 127.0.0.1.
@Suite(.serialized) struct AgentReportingTests {
    struct Setup {
        var root: String
        var server: ServerProcess
        var staff: StaffClient
        var fingerprint: String
        var caPEM: String
        var scratch: ScratchDatabase
        var managerToken: String

        func enrollmentToken(uses: Int = 5, hours: Int = 24) async throws -> String {
            try await staff.createEnrollmentToken(NewEnrollmentToken(client: "ACME", uses: uses, expiresInHours: hours)).secret
        }

        func close() async {
            await staff.shutdown()
            _ = try? await server.stop()
            await scratch.remove()
            TemporaryDirectory.remove(root)
        }
    }

    /// Runs `body` against a fresh server, then stops it and removes everything.
    static func withSetup(
        _ backend: TestBackend, serverArguments: [String] = [], launcher: [String] = [], _ body: (Setup) async throws -> Void
    ) async throws {
        let setup = try await start(backend, serverArguments: serverArguments, launcher: launcher)
        do {
            try await body(setup)
            await setup.close()
        } catch {
            await setup.close()
            throw error
        }
    }

    static func start(_ backend: TestBackend, serverArguments: [String] = [], launcher: [String] = []) async throws -> Setup {
        let scratch = try await ScratchDatabase.make(backend)
        let root = try TemporaryDirectory.make()
        let database: String
        switch scratch.url {
        case .sqlite: database = "sqlite:\(root)/parc.sqlite"
        case .postgres(let url): database = url
        }
        let initResult = try await run("parc-server", ["init", "--data-dir", root + "/data", "--database", database, "--json"])
        let report = try JSONDecoder().decode(ServerAndCtlTests.InitOutput.self, from: Data(initResult.stdout.utf8))
        let server = try await ServerProcess(arguments: ["--data-dir", root + "/data", "--database", database] + serverArguments, launcher: launcher)
        let caPEM = try String(contentsOfFile: report.caCertificatePath, encoding: .utf8)
        let token = try #require(report.managerToken)
        let staff = try StaffClient(server: server.url, token: token, caPEM: caPEM)
        _ = try await staff.createClient(NewClient(code: "ACME", name: "ACME"))
        return Setup(root: root, server: server, staff: staff, fingerprint: report.caFingerprint, caPEM: caPEM, scratch: scratch, managerToken: token)
    }

    static func laptopRoot(in directory: String) throws -> String {
        let root = directory + "/machine"
        try FileManager.default.createDirectory(atPath: root + "/sys/firmware/dmi/tables", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/var/lib/dpkg", withIntermediateDirectories: true)
        for file in ["DMI", "smbios_entry_point"] {
            try FileManager.default.copyItem(
                atPath: AgentInventoryTests.fixtures + "/smbios/lenovo-thinkpad-t480/" + file, toPath: root + "/sys/firmware/dmi/tables/" + file)
        }
        try FileManager.default.copyItem(atPath: AgentInventoryTests.fixtures + "/dpkg/build-machine/status", toPath: root + "/var/lib/dpkg/status")
        return root
    }

    @Test(arguments: TestBackend.available)
    func enrollsReportsAndSendsOnlyWhatChanged(_ backend: TestBackend) async throws {
        try await Self.withSetup(backend) { setup in
            let state = setup.root + "/agent-state"
            let machine = try Self.laptopRoot(in: setup.root)
            let token = try await setup.enrollmentToken()

            let enroll = try await run(
                "parc-agent", ["enroll", "--server", setup.server.url, "--token", token, "--ca-fingerprint", setup.fingerprint, "--state-dir", state])
            #expect(enroll.status == 0, "\(enroll.stderr)")
            for file in ["agent.key", "agent.pem", "ca.pem", "agent.json"] {
                let attributes = try FileManager.default.attributesOfItem(atPath: state + "/" + file)
                #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(file)")
            }
            let again = try await run(
                "parc-agent", ["enroll", "--server", setup.server.url, "--token", token, "--ca-fingerprint", setup.fingerprint, "--state-dir", state])
            #expect(again.status != 0)
            #expect(again.stderr.contains("--force"))

            let first = try await run("parc-agent", ["report", "--state-dir", state, "--root", machine])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("Sent "))
            #expect(first.stdout.contains("software"))
            let second = try await run("parc-agent", ["report", "--state-dir", state, "--root", machine])
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.hasPrefix("Nothing changed"), "\(second.stdout)")
            // An unchanged machine's check-in body stays well under 1 KB.
            let bytes = second.stdout.range(of: "check-in of ").flatMap { Int(second.stdout[$0.upperBound...].prefix { $0.isNumber }) } ?? .max
            #expect(bytes < 1024)

            let agents = try await setup.staff.listAgents(client: "ACME")
            let agent = try #require(agents.items.first)
            #expect(agents.total == 1)
            #expect(agent.lastSeenAt != nil)
            let reports = try await setup.staff.agentReports(id: agent.id)
            #expect(reports.count == 2)
            #expect(reports.first?.sections == [])
            #expect(reports.last?.sections.contains(.software) == true)
            #expect((reports.last?.wireBytes ?? 0) < (reports.last?.bodyBytes ?? 0))  // gzip on the wire

            let list = try await run("parcctl", ["agent", "list", "--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint])
            #expect(list.stdout.contains(agent.id))

            // The configuration file names the state directory; a flag still wins over it.
            let config = setup.root + "/agent.conf"
            try "# test\nPARC_AGENT_STATE_DIR = \"\(state)\"\n".write(toFile: config, atomically: true, encoding: .utf8)
            let status = try await run("parc-agent", ["status", "--config", config])
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains(agent.id))
            #expect(status.stdout.contains("Last report"))
            let overridden = try await run("parc-agent", ["status", "--config", config, "--state-dir", setup.root + "/nowhere"])
            #expect(overridden.status == 3)
            #expect(overridden.stdout.contains("Not enrolled"))
        }
    }

    /// The load generator as `make loadtest` runs it, briefly: what it prints, not how fast (no timing here).
    @Test func loadGeneratorDrivesTheRealServerWithEveryAgent() async throws {
        try await Self.withSetup(.sqlite) { setup in
            let result = try await run(
                "parc-loadgen",
                [
                    "--server", setup.server.url, "--token", setup.managerToken, "--ca-fingerprint", setup.fingerprint,
                    "--agents", "3", "--duration", "2", "--rounds", "2", "--concurrency", "2", "--changed-pct", "20", "--full-pct", "10",
                    "--server-pid", String(setup.server.process.processIdentifier), "--json",
                ], timeout: 120)
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
            #expect(object["errors"] as? Int == 0, "\(result.stdout)")
            #expect(object["mode"] as? String == "new")
            // What every run measures is above zero; what depends on the mix drawn in two seconds on a
            // busy machine (a full report, CPU time in ticks) is at least printed.
            for key in ["unchangedPerSecond", "unchangedP99Ms", "handshakesPerSecond", "serverPeakRSSMB"] {
                #expect((object[key] as? Double ?? 0) > 0 || (object[key] as? Int ?? 0) > 0, "\(key) in \(result.stdout)")
            }
            for key in [
                "fullPerSecond", "fullP99Ms", "ratioToHandshake", "serverCPUMsPerRequest", "handshakeServerCPUMsPerRequest", "handshakeLoadgenCPUMsPerRequest",
            ] {
                #expect((object[key] as? Double ?? -1) >= 0 || (object[key] as? Int ?? -1) >= 0, "\(key) in \(result.stdout)")
            }
            // Check-ins the server answered with sections needed are about the changed ones: after a changed
            // report an agent announces what it reported (two workers on one agent may cross, hence the slack).
            let metrics = String(decoding: try await AgentTransport(caPEM: nil, identity: nil).request(.GET, setup.server.url + "/metrics").body, as: UTF8.self)
            let needing = try #require(
                metrics.split(separator: "\n").first { $0.hasPrefix("parc_checkins_total{changed=\"true\"}") }?.split(separator: " ").last.flatMap {
                    Double($0)
                })
            let changed = (object["changedPerSecond"] as? Double ?? 0) * (object["seconds"] as? Double ?? 0)
            #expect(changed > 0)
            #expect(needing <= changed * 1.5 + 5, "\(needing) check-ins needed sections for \(changed) changed ones")

            // Two workers, three agents: each agent reported after its first inventory, not only the first two.
            let client = try #require(try await setup.staff.listClients(search: "LOAD").items.first { $0.code.hasPrefix("LOAD") })
            let agents = try await setup.staff.listAgents(client: client.code)
            #expect(agents.total == 3)
            for agent in agents.items {
                let reports = try await setup.staff.agentReports(id: agent.id)
                #expect(reports.count > 1, "\(agent.hostname) has only its first inventory")
            }
        }
    }

    @Test func securityCases() async throws {
        try await Self.withSetup(.sqlite) { setup in
            let state = AgentState(directory: setup.root + "/agent-state")

            // Enrollment: a wrong pin, then expired and used-up tokens.
            let pinned = try await run(
                "parc-agent",
                [
                    "enroll", "--server", setup.server.url, "--token", try await setup.enrollmentToken(), "--ca-fingerprint",
                    "sha256:" + String(repeating: "a", count: 64), "--state-dir", state.directory,
                ])
            #expect(pinned.status != 0)
            #expect(pinned.stderr.contains("refusing to enroll"))
            let single = try await setup.enrollmentToken(uses: 1)
            #expect(
                try await run(
                    "parc-agent",
                    [
                        "enroll", "--server", setup.server.url, "--token", single, "--ca-file", setup.root + "/data/pki/ca.pem", "--state-dir",
                        setup.root + "/other",
                    ]
                ).status == 0)
            let usedUp = try await run(
                "parc-agent",
                ["enroll", "--server", setup.server.url, "--token", single, "--ca-fingerprint", setup.fingerprint, "--state-dir", state.directory])
            #expect(usedUp.status != 0)
            #expect(usedUp.stderr.contains("HTTP 403"))
            let token = try await setup.enrollmentToken()
            #expect(
                try await run(
                    "parc-agent",
                    ["enroll", "--server", setup.server.url, "--token", token, "--ca-fingerprint", setup.fingerprint, "--state-dir", state.directory]
                ).status == 0)
            let identity = try state.identity()

            let agentClient = try AgentHTTP.client(caPEM: setup.caPEM, identity: (try state.read(state.certificatePath), try state.read(state.keyPath)))
            let anonymous = try AgentHTTP.client(caPEM: setup.caPEM, identity: nil)
            let checkIn = Array(try CanonicalJSON.encode(CheckIn(agentVersion: "x", hostname: "h", sectionHashes: [:])))

            // No client certificate: 401.
            #expect(try await Self.post(anonymous, setup.server.url + "/agent/v1/checkin", checkIn).status == 401)

            // A certificate from another CA fails the TLS handshake.
            let foreign = try Self.foreignIdentity()
            let impostor = try AgentHTTP.client(caPEM: setup.caPEM, identity: foreign)
            await #expect(throws: (any Error).self) { _ = try await Self.post(impostor, setup.server.url + "/agent/v1/checkin", checkIn) }

            // Invalid JSON: 400. Oversized: 413. A gzip bomb: 413 without inflating it all.
            #expect(try await Self.post(agentClient, setup.server.url + "/agent/v1/report", Array("{not json".utf8)).status == 400)
            #expect(try await Self.post(agentClient, setup.server.url + "/agent/v1/checkin", Array(repeating: 0x20, count: 20_000)).status == 413)
            var zeros = ByteBuffer(bytes: [UInt8](repeating: 0x20, count: 200 << 20))
            let bomb = try zeros.compress(with: .gzip)
            #expect(bomb.readableBytes < AgentLimits.compressedReportBytes)
            let bombed = try await Self.post(agentClient, setup.server.url + "/agent/v1/report", Array(bomb.readableBytesView), gzip: true)
            #expect(bombed.status == 413)
            #expect(bombed.body.contains("inflates beyond"))
            let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
            #expect(try await Self.post(agentClient, setup.server.url + "/agent/v1/report", Array(deep.utf8)).status == 400)

            // A report key is 1 to 64 ASCII letters, digits or '-'.
            for key in ["", "é", "ﬁx", "a b", "a_b", "@", "[", "`", "{", String(repeating: "k", count: 65)] {
                let answer = try await Self.post(agentClient, setup.server.url + "/agent/v1/checkin", checkIn, headers: [("Parc-Report-Key", key)])
                #expect(answer.status == 400, "\(key)")
                #expect(answer.body.contains("Parc-Report-Key"), "\(key)")
            }
            for key in ["AZaz09-", String(repeating: "k", count: 64)] {
                #expect(
                    try await Self.post(agentClient, setup.server.url + "/agent/v1/checkin", checkIn, headers: [("Parc-Report-Key", key)]).status == 200,
                    "\(key)")
            }

            // A body naming another agent is refused (the schema has no such keys): identity comes from the certificate.
            var inventory = Inventory(agentVersion: "x", collectedAt: Date())
            inventory.os = OperatingSystemSection()
            inventory.os?.hostname = "spoof"
            var body = try JSONSerialization.jsonObject(with: try CanonicalJSON.encode(inventory)) as? [String: Any] ?? [:]
            body["agentID"] = "00000000-0000-0000-0000-000000000000"
            body["clientCode"] = "OTHER"
            let spoofed = try await Self.post(agentClient, setup.server.url + "/agent/v1/report", Array(try JSONSerialization.data(withJSONObject: body)))
            #expect(spoofed.status == 400 && spoofed.body.contains("unknown_section"), "\(spoofed.status) \(spoofed.body)")
            let reports = try await setup.staff.agentReports(id: identity.agentID)
            #expect(reports.allSatisfy { !$0.sections.contains(.os) })
            let plain = try await Self.post(agentClient, setup.server.url + "/agent/v1/report", Array(try CanonicalJSON.encode(inventory)))
            #expect(plain.status == 201)
            #expect(try await setup.staff.agentReports(id: identity.agentID).first?.sections == [.os])

            // Revoked: 403 on the next request, with the same certificate and an open TLS session.
            _ = try await setup.staff.revokeAgent(id: identity.agentID)
            #expect(try await Self.post(agentClient, setup.server.url + "/agent/v1/checkin", checkIn).status == 403)
            let report = try await run("parc-agent", ["report", "--state-dir", state.directory, "--root", setup.root])
            #expect(report.status != 0)
            #expect(report.stderr.contains("revoked"))
        }
    }

    static func post(_ client: AgentTransport, _ url: String, _ body: [UInt8], gzip: Bool = false, headers extra: [(String, String)] = []) async throws -> (
        status: Int, body: String
    ) {
        var headers = [("Content-Type", "application/json")] + extra
        if gzip { headers.append(("Content-Encoding", "gzip")) }
        let response = try await client.request(.POST, url, headers: headers, body: body)
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    /// A key and a certificate from a CA the server has never seen.
    static func foreignIdentity() throws -> (certificatePEM: String, keyPEM: String) {
        let authority = try CertificateAuthority.create(commonName: "Someone else's CA")
        let key = P256.Signing.PrivateKey()
        let request = try CertificateSigningRequest(
            version: .v1, subject: try DistinguishedName { CommonName("impostor") }, privateKey: .init(key),
            attributes: CertificateSigningRequest.Attributes(), signatureAlgorithm: .ecdsaWithSHA256)
        let certificate = try authority.issueAgentCertificate(csrPEM: try request.serializeAsPEM().pemString, agentID: "impostor", clientCode: "ACME")
        return (certificate.certificatePEM, key.pemRepresentation)
    }
}
