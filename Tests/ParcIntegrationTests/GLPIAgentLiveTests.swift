import Foundation
import ParcClient
import ParcProtocol
import ParcTestSupport
import Testing

/// GLPI Agent itself (its source in ../shared/vendor, run with Debian's Perl modules) against a real
/// `parc-server`, twice per credential kind (Basic, OAuth, a client certificate Parc issued): the first run PROLOG then a full inventory, the second
/// CONTACT then a partial one; no error in its log, one asset, as many programs as it lists locally.
@Suite(
    .serialized,
    .enabled(if: SharedMaterial.glpiAgentArchive != nil, "../shared/vendor/glpi-agent-*.tar.xz is absent beside this clone"),
    .enabled(if: GLPIAgentPerl.modulesPresent, "GLPI Agent's Perl modules are not installed ('make test' installs them: GLPI_AGENT_PERL)"))
struct GLPIAgentLiveTests {
    /// The agent's source, unpacked once per run of this suite into `directory`.
    static func unpack(into directory: String) async throws -> String {
        let archive = try #require(SharedMaterial.glpiAgentArchive)
        let unpacked = try await runProgram("/usr/bin/tar", ["-xJf", archive, "-C", directory], timeout: 120)
        #expect(unpacked.status == 0, "\(unpacked.stderr)")
        let source = directory + "/glpi-agent"
        #expect(FileManager.default.fileExists(atPath: source + "/bin/glpi-agent"))
        return source
    }

    static func agent(_ source: String, _ arguments: [String], configuration: String? = nil) async throws -> ProgramResult {
        try await runProgram(
            "/usr/bin/perl", ["-I" + source + "/lib", source + "/bin/glpi-agent", "--conf-file", configuration ?? source + "/etc/agent.cfg"] + arguments,
            timeout: 240)
    }

    @Test(arguments: TestBackend.available)
    func glpiAgentReportsWithEveryKindOfCredential(_ backend: TestBackend) async throws {
        try await AgentReportingTests.withSetup(backend) { setup in
            let source = try await Self.unpack(into: setup.root)
            let caFile = setup.root + "/parc-ca.pem"
            try setup.caPEM.write(toFile: caFile, atomically: true, encoding: .utf8)

            // What the agent lists on its own, for the count of programs.
            let local = setup.root + "/local"
            try FileManager.default.createDirectory(atPath: local, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: setup.root + "/local-var", withIntermediateDirectories: true)
            let listed = try await Self.agent(
                source, ["--local", local, "--json", "--vardir", setup.root + "/local-var", "--no-category", "environment,process"])
            #expect(listed.status == 0, "\(listed.output)")
            let file = try #require(try FileManager.default.contentsOfDirectory(atPath: local).first { $0.hasSuffix(".json") })
            let ownInventory = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: local + "/" + file))) as? [String: Any]
            let ownPrograms = ((ownInventory?["content"] as? [String: Any])?["softwares"] as? [Any])?.count ?? 0
            #expect(ownPrograms > 0)

            for kind in IntakeCredential.Kind.allCases {
                let client = "GLPI-\(kind.rawValue.uppercased())"
                _ = try await setup.staff.createClient(NewClient(code: client, name: "GLPI Agent over \(kind.rawValue)"))
                var credential: [String] = []
                var configuration: String?
                switch kind {
                case .basic, .oauth:
                    let created = try await setup.staff.createIntakeCredential(IntakeCredentialRequest(clientCode: client, kind: kind, label: "live test"))
                    credential =
                        kind == .basic
                        ? ["--user", created.credential.login, "--password", created.secret]
                        : ["--oauth-client-id", created.credential.login, "--oauth-client-secret", created.secret]
                case .certificate:
                    // As staff make it: parcctl writes one PEM file, certificate and key, readable by its owner only;
                    // the agent reads its path from its configuration file (there is no command-line option).
                    let pem = setup.root + "/glpi-agent-\(client).pem"
                    let made = try await run(
                        "parcctl",
                        [
                            "intake-credential", "create", "--client", client, "--kind", "certificate", "--out", pem, "--server", setup.server.url, "--token",
                            setup.managerToken, "--ca", setup.fingerprint,
                        ])
                    #expect(made.status == 0, "\(made.output)")
                    #expect(made.stdout.contains("ssl-cert-file = ") && made.stdout.contains("valid until"), "\(made.stdout)")
                    let mode = try FileManager.default.attributesOfItem(atPath: pem)[.posixPermissions] as? Int
                    #expect(mode == 0o600)
                    let refused = try await run(
                        "parcctl",
                        [
                            "intake-credential", "create", "--client", client, "--kind", "certificate", "--server", setup.server.url, "--token",
                            setup.managerToken,
                        ])
                    #expect(refused.status == 64 && refused.stderr.contains("--kind certificate needs --out <file>"), "\(refused.output)")
                    configuration = setup.root + "/agent-certificate.cfg"
                    let defaults = try String(contentsOfFile: source + "/etc/agent.cfg", encoding: .utf8)
                    try (defaults + "\nssl-cert-file = \(pem)\n").write(toFile: try #require(configuration), atomically: true, encoding: .utf8)
                }
                let vardir = setup.root + "/var-\(kind.rawValue)"
                try FileManager.default.createDirectory(atPath: vardir, withIntermediateDirectories: true)
                for run in 1...2 {
                    let log = setup.root + "/glpi-\(kind.rawValue)-\(run).log"
                    let result = try await Self.agent(
                        source,
                        ["--server", setup.server.url + "/glpi/", "--ca-cert-file", caFile, "--vardir", vardir, "--logfile", log, "--debug"] + credential,
                        configuration: configuration)
                    #expect(result.status == 0, "\(kind) run \(run): \(result.output)")
                    let text = try String(contentsOfFile: log, encoding: .utf8)
                    let errors = text.split(separator: "\n").filter { $0.contains("[error]") }
                    #expect(errors.isEmpty, "\(kind) run \(run): \(errors)")
                    if run == 1 {
                        #expect(text.contains("sending prolog request"), "\(kind): \(text.suffix(2000))")
                    } else {
                        #expect(!text.contains("sending prolog request") && text.contains("sending contact request"), "\(kind): \(text.suffix(2000))")
                    }
                    // Only the inventory task runs: the others were turned off by the CONTACT answer.
                    #expect(!text.contains("running task Deploy") && !text.contains("running task Collect"), "\(kind) run \(run)")
                    #expect(text.contains("running task Inventory"))
                }
                let agents = try await setup.staff.listAgents(client: client).items
                #expect(agents.count == 1, "\(kind): \(agents)")
                let agent = try #require(agents.first)
                #expect(agent.kind == "glpi" && agent.agentVersion.hasPrefix("GLPI-Agent_v"))
                #expect(agent.lastReportScope == "partial", "\(kind): the second run should send a partial inventory")
                let assets = try await setup.staff.listAssets(client: client).items
                #expect(assets.count == 1, "\(kind): \(assets.map(\.name))")
                let asset = try await setup.staff.asset(id: try #require(assets.first).id)
                #expect(asset.asset.agentID == agent.id)
                #expect(asset.softwareCount == ownPrograms, "\(kind): \(asset.softwareCount) programs stored, \(ownPrograms) listed by the agent")
            }
        }
    }
}

/// Whether Debian's Perl modules GLPI Agent needs are installed.
enum GLPIAgentPerl {
    static var modulesPresent: Bool {
        let modules = ["Cpanel::JSON::XS", "LWP::Protocol::https", "UNIVERSAL::require", "Data::UUID", "Text::Template", "Net::IP", "File::Which"]
        let check = try? runProgramBlocking("/usr/bin/perl", modules.flatMap { ["-M" + $0] } + ["-e", "1"], timeout: 60)
        return check?.status == 0
    }
}
