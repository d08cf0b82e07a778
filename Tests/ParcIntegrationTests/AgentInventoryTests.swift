import Foundation
import ParcProtocol
import ParcTestSupport
import Testing

/// The real `parc-agent inventory` binary, on fixture roots and on this machine.
@Suite struct AgentInventoryTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ParcAgentTests/Fixtures").path

    /// A root with the T480's SMBIOS table and a real dpkg database.
    static func laptopRoot() throws -> String {
        let root = try TemporaryDirectory.make()
        try FileManager.default.createDirectory(atPath: root + "/sys/firmware/dmi/tables", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/var/lib/dpkg", withIntermediateDirectories: true)
        for file in ["DMI", "smbios_entry_point"] {
            try FileManager.default.copyItem(atPath: fixtures + "/smbios/lenovo-thinkpad-t480/" + file, toPath: root + "/sys/firmware/dmi/tables/" + file)
        }
        try FileManager.default.copyItem(atPath: fixtures + "/dpkg/debian-bookworm-minbase/status", toPath: root + "/var/lib/dpkg/status")
        return root
    }

    @Test func printsJSONForAFixtureRoot() async throws {
        let root = try Self.laptopRoot()
        defer { TemporaryDirectory.remove(root) }
        let result = try await run("parc-agent", ["inventory", "--root", root, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let inventory = try CanonicalJSON.decode(Inventory.self, from: Data(result.stdout.utf8))
        #expect(inventory.system?.product == "20L8S07A14")
        #expect(inventory.software?.packages.count == 88)
        #expect(inventory.memory?.modules?.count == 2)
        #expect(inventory.warnings.contains { $0.contains("proc/cpuinfo") })
    }

    @Test func onlySelectsSectionsAndTextIsReadable() async throws {
        let root = try Self.laptopRoot()
        defer { TemporaryDirectory.remove(root) }
        let only = try await run("parc-agent", ["inventory", "--root", root, "--format", "json", "--only", "system,software"])
        let inventory = try CanonicalJSON.decode(Inventory.self, from: Data(only.stdout.utf8))
        #expect(inventory.system != nil && inventory.software != nil)
        #expect(inventory.cpu == nil && inventory.memory == nil && inventory.storage == nil)
        let text = try await run("parc-agent", ["inventory", "--root", root])
        #expect(text.status == 0)
        #expect(text.stdout.contains("20L8S07A14"))
        #expect(text.stdout.contains("88 dpkg"))
    }

    @Test func badArgumentsAreOneClearError() async throws {
        let section = try await run("parc-agent", ["inventory", "--only", "system,gpu"])
        #expect(section.status != 0)
        #expect(section.stderr.contains("unknown section 'gpu'"))
        let root = try await run("parc-agent", ["inventory", "--root", "/nonexistent/root"])
        #expect(root.status != 0)
        #expect(root.stderr.contains("is not a directory"))
    }

    @Test func inventoriesThisMachine() async throws {
        let result = try await run("parc-agent", ["inventory", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let inventory = try CanonicalJSON.decode(Inventory.self, from: Data(result.stdout.utf8))
        #expect(inventory.os?.kernelRelease != nil)
        #expect((inventory.cpu?.threads ?? 0) >= 1)
        #expect((inventory.memory?.totalBytes ?? 0) > 0)
        if FileManager.default.fileExists(atPath: "/var/lib/dpkg/status") {
            #expect((inventory.software?.packages.count ?? 0) > 0)
        }
    }
}
