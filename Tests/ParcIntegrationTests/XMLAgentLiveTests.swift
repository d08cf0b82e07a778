import Foundation
import ParcClient
import ParcProtocol
import ParcTestSupport
import Testing

/// Debian's own FusionInventory and OCS Inventory agents against a real `parc-server`, with Basic
/// credentials: PROLOG then the XML inventory, no error in their logs, one asset, as many programs
/// as each agent lists locally (`--local`).
@Suite(.serialized)
struct XMLAgentLiveTests {
    static let fusion = "/usr/bin/fusioninventory-agent"
    static let ocs = "/usr/bin/ocsinventory-agent"

    /// FusionInventory keeps its state (its device id) where its `setup.pm` says, `/var/lib`: a
    /// `setup.pm` of the test's, loaded first, points it at the test's directory.
    static func fusionAgent(_ root: String, _ arguments: [String]) async throws -> ProgramResult {
        let lib = root + "/fusion-lib"
        try FileManager.default.createDirectory(atPath: lib + "/var", withIntermediateDirectories: true)
        try """
        package setup;
        use strict;
        use warnings;
        use parent qw(Exporter);
        our @EXPORT = ('%setup');
        our %setup = (datadir => "/usr/share/fusioninventory", libdir => "/usr/share/fusioninventory/lib", vardir => "\(lib)/var");
        1;
        """.write(toFile: lib + "/setup.pm", atomically: true, encoding: .utf8)
        return try await runProgram(
            "/usr/bin/perl", ["-I" + lib, "-Msetup", fusion, "--no-httpd", "--no-category", "environment,process"] + arguments, timeout: 240)
    }

    static func programs(inXMLDirectory directory: String) throws -> Int {
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: directory).first { $0.hasSuffix(".ocs") || $0.hasSuffix(".xml") })
        let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
        return text.components(separatedBy: "<SOFTWARES>").count - 1
    }

    static func basicCredential(_ setup: AgentReportingTests.Setup, client: String) async throws -> (login: String, secret: String) {
        _ = try await setup.staff.createClient(NewClient(code: client, name: client))
        let created = try await setup.staff.createIntakeCredential(IntakeCredentialRequest(clientCode: client, kind: .basic, label: "live test"))
        return (created.credential.login, created.secret)
    }

    /// The asset the client's one agent filed, checked against what the agent listed.
    static func expectOneAsset(_ setup: AgentReportingTests.Setup, client: String, kind: String, programs: Int) async throws {
        let agents = try await setup.staff.listAgents(client: client).items
        #expect(agents.count == 1, "\(kind): \(agents)")
        let agent = try #require(agents.first)
        #expect(agent.kind == kind && agent.lastReportScope == "full", "\(agent)")
        let assets = try await setup.staff.listAssets(client: client).items
        #expect(assets.count == 1, "\(kind): \(assets.map(\.name))")
        let asset = try await setup.staff.asset(id: try #require(assets.first).id)
        #expect(asset.asset.agentID == agent.id)
        #expect(asset.softwareCount == programs, "\(kind): \(asset.softwareCount) programs stored, \(programs) listed by the agent")
    }

    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: XMLAgentLiveTests.fusion), "fusioninventory-agent is not installed ('make test' installs it)")
    )
    func fusionInventoryAgentReports() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let caFile = setup.root + "/parc-ca.pem"
            try setup.caPEM.write(toFile: caFile, atomically: true, encoding: .utf8)
            let local = setup.root + "/fusion-local"
            try FileManager.default.createDirectory(atPath: local, withIntermediateDirectories: true)
            let listed = try await Self.fusionAgent(setup.root, ["--local", local])
            #expect(listed.status == 0, "\(listed.output)")
            let programs = try Self.programs(inXMLDirectory: local)
            #expect(programs > 0)

            let (login, secret) = try await Self.basicCredential(setup, client: "FUSION")
            let log = setup.root + "/fusion.log"
            let result = try await Self.fusionAgent(
                setup.root,
                ["--server", setup.server.url + "/glpi/", "--ca-cert-file", caFile, "--user", login, "--password", secret, "--logfile", log, "--debug"])
            #expect(result.status == 0, "\(result.output)")
            let text = try String(contentsOfFile: log, encoding: .utf8)
            let errors = text.split(separator: "\n").filter { $0.contains("[error]") }
            #expect(errors.isEmpty, "\(errors)")
            #expect(text.contains("sending prolog request") && text.contains("running task Inventory"), "\(text.suffix(2000))")
            try await Self.expectOneAsset(setup, client: "FUSION", kind: "fusioninventory", programs: programs)
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: XMLAgentLiveTests.ocs), "ocsinventory-agent is not installed ('make test' installs it)"))
    func ocsInventoryAgentReports() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let caFile = setup.root + "/parc-ca.pem"
            try setup.caPEM.write(toFile: caFile, atomically: true, encoding: .utf8)
            let local = setup.root + "/ocs-local"
            let vardir = setup.root + "/ocs-var"
            for directory in [local, vardir] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            let listed = try await runProgram(Self.ocs, ["--local", local, "--basevardir", vardir], timeout: 240)
            #expect(listed.status == 0, "\(listed.output)")
            let programs = try Self.programs(inXMLDirectory: local)
            #expect(programs > 0)

            let (login, secret) = try await Self.basicCredential(setup, client: "OCS")
            let log = setup.root + "/ocs.log"
            let result = try await runProgram(
                Self.ocs,
                [
                    // OCS reads --user and --password base64-encoded (Agent/Encrypt.pm), and answers only the realm it is given.
                    "--server", setup.server.url + "/ocsinventory", "--ssl", "1", "--ca", caFile, "--user", Data(login.utf8).base64EncodedString(),
                    "--password", Data(secret.utf8).base64EncodedString(), "--realm", "Parc inventory", "--basevardir", vardir, "--logfile", log, "--debug",
                    // Debian's /etc/ocsinventory/ocsinventory-agent.cfg sets `local`, which would keep the inventory on disk.
                    "--nolocal",
                ], timeout: 240)
            #expect(result.status == 0, "\(result.output)")
            let text = try String(contentsOfFile: log, encoding: .utf8)
            let errors = text.split(separator: "\n").filter { $0.contains("][error]") }
            #expect(errors.isEmpty, "\(errors)")
            try await Self.expectOneAsset(setup, client: "OCS", kind: "ocs", programs: programs)
        }
    }
}
